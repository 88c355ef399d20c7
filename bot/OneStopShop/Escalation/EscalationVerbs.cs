namespace LearningBot.OneStopShop.Escalation;

/// <summary>The card verbs the escalation capability answers.</summary>
public static class EscalationVerbs
{
    /// <summary>"Ask the L&amp;D team" (from the answers' not-sure card and 👎 rating), data <c>{ "question": "…" }</c>.</summary>
    public const string Escalate = "ask.escalate";
    public const string Submit = "escalate.submit";
    public const string Cancel = "escalate.cancel";
    public const string Assign = "ticket.assign";
    public const string Answer = "ticket.answer";
    public const string Close = "ticket.close";
    public const string Reopen = "ticket.reopen";
    public const string Rate = "ticket.rate";

    /// <summary>
    /// The refresh of the card that replaces the ask form once the question is sent (data <c>{ ticketId }</c>): the asker's
    /// own view of it, as the ticket now stands; anyone else's view for anyone else.
    /// </summary>
    public const string View = "ticket.view";

    /// <summary>The asker's "I still need help", with what's missing: data <c>{ ticketId }</c> and the input <c>whatsMissing</c>.</summary>
    public const string StillNeedHelp = "ticket.stillneedhelp";
}
