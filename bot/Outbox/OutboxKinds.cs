namespace LearningBot.Outbox;

/// <summary>The kinds of message every deployment can deliver; capabilities add their own (<see cref="IOutboxHandler"/>).</summary>
public static class OutboxKinds
{
    /// <summary>An activity sent to a person's 1:1 chat (<see cref="OutboxEntity.Recipient"/>).</summary>
    public const string Person = "person";

    /// <summary>An activity posted into a stored conversation (<see cref="OutboxEntity.Conversation"/>).</summary>
    public const string Conversation = "conversation";
}
