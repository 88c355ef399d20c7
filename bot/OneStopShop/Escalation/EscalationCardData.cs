using LearningBot.Cards;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>Data for <c>escalate-form</c>: the question to send to the L&amp;D team, editable, with optional context.</summary>
/// <param name="ClientToken">Travels with the submit so a repeated press creates one ticket.</param>
/// <param name="AnswerWithin">How soon an answer is promised, e.g. "2 working days".</param>
/// <param name="Removed">What the scrubber removed from the question and context it holds ("an NHS number and a phone number"), or empty.</param>
public sealed record EscalateFormCardData(string Question, string Context, string ClientToken, string AnswerWithin, string Removed = "") : ICardData
{
    public static string CardName => "escalate-form";
}

/// <summary>
/// Data for <c>escalate-sent</c>, the card that replaces the ask form once the question is sent. The asker's view
/// (<paramref name="ForAsker"/>) has the question, its reference and where it stands; everyone else's only says who asked.
/// </summary>
/// <param name="Status">Where the question stands, for the asker ("You'll have an answer by **…**. …").</param>
/// <param name="Removed">What personal data was removed ("an NHS number and a phone number"), or empty.</param>
public sealed record EscalateSentCardData(
    bool ForAsker, string Speak, string AskerName, string Reference, string Question, string Status, string Removed) : ICardData
{
    public static string CardName => "escalate-sent";
}

/// <summary>Data for <c>ticket-channel</c>: the ticket as the L&amp;D team sees it in the expert channel.</summary>
public sealed record TicketChannelCardData(
    string TicketId,
    string Reference,
    string Notice,
    string StatusText,
    string AskerName,
    string AskedAt,
    string PromisedBy,
    bool IsOverdue,
    string Question,
    string Context,
    string Answer,
    string AnsweredBy,
    string DraftAnswer,
    string Feedback,
    bool CanAssign,
    bool CanClose,
    bool CanReopen,
    bool CanAnswer) : ICardData
{
    public static string CardName => "ticket-channel";

    /// <summary>"The asker still needs help: …" while the asker's "I still need help" waits for a new answer; empty otherwise.</summary>
    public string StillNeedsHelp { get; init; } = string.Empty;
}

/// <summary>Data for <c>ticket-answer</c>: the expert's answer delivered to the asker, with rating and reopen.</summary>
public sealed record TicketAnswerCardData(
    string TicketId,
    string Reference,
    string Question,
    string AnsweredBy,
    string Answer,
    string Feedback,
    bool CanRate,
    bool CanReopen) : ICardData
{
    public static string CardName => "ticket-answer";

    /// <summary>After "I still need help": the card keeps the answer and asks what is missing.</summary>
    public bool AskWhatsMissing { get; init; }

    /// <summary>What the "what's missing" box holds (the asker's words scrubbed, to check before sending).</summary>
    public string WhatsMissing { get; init; } = string.Empty;
}

/// <summary>Data for <c>ticket-update</c>: tells the asker their question changed status.</summary>
public sealed record TicketUpdateCardData(string TicketId, string Reference, string Headline, string Message, string Question, bool CanReopen) : ICardData
{
    public static string CardName => "ticket-update";
}
