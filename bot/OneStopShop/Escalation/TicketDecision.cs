namespace LearningBot.OneStopShop.Escalation;

/// <summary>What a change function decided about a ticket it was shown.</summary>
public abstract record TicketDecision
{
    /// <summary>Write <paramref name="Ticket"/> (and <paramref name="History"/>, if any) if nobody changed the ticket meanwhile.</summary>
    public sealed record Apply(TicketEntity Ticket, TicketHistoryEntity? History) : TicketDecision;

    /// <summary>Leave the ticket as it is, for the reason given (shown to the person who asked for the change).</summary>
    public sealed record Decline(string Reason) : TicketDecision;
}
