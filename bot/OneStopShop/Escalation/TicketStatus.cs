namespace LearningBot.OneStopShop.Escalation;

/// <summary>Where an escalated question is: Unassigned → Assigned → Answered → Closed, and reopenable.</summary>
public enum TicketStatus
{
    Unassigned,
    Assigned,
    Answered,
    Closed,
}
