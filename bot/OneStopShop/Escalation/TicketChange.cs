namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// The outcome of <see cref="TicketStore.ChangeAsync"/>: the ticket as it now is, whether this call changed it, and a
/// note for the person who acted (why nothing changed, or what did not work out).
/// </summary>
public sealed record TicketChange(TicketEntity Ticket, bool Changed, string? Notice);
