namespace LearningBot.Outbox;

/// <summary>A table whose partitions may hold outbox rows, registered by the capability that owns it (<c>AddOutboxTable</c>).</summary>
public sealed record OutboxTable(string Name);
