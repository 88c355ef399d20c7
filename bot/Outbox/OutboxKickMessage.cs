namespace LearningBot.Outbox;

/// <summary>A kick as it travels on the <c>outbox-kicks</c> queue: which partition of which outbox table, and whether to force.</summary>
public sealed record OutboxKickMessage(string Table, string Partition, bool Force);
