namespace LearningBot.Delivery.Progress;

/// <summary>One line of a finished delivery's summary ("Sent", "10,838").</summary>
public sealed record DeliverySummaryFact(string Title, string Value);
