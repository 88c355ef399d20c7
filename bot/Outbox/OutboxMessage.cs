using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;

namespace LearningBot.Outbox;

/// <summary>
/// A message to be delivered after a change, as a capability describes it before the change is written: the store turns
/// it into an <see cref="OutboxEntity"/> whose row key is made from the change (for example the ticket's version and
/// <see cref="Name"/>), so the same change can never owe the same message twice.
/// </summary>
/// <param name="Name">Distinguishes the messages of one change: <c>asker</c>, <c>channel-card</c>, <c>reminder</c>.</param>
public sealed record OutboxMessage(
    string Name, string Kind, string? Recipient = null, string? Conversation = null, string? Activity = null, string? CollapseKey = null, string? Subject = null)
{
    /// <summary>A card for a person's 1:1 chat with the bot.</summary>
    public static OutboxMessage CardToPerson(string name, string personKey, JsonObject card) =>
        new(name, OutboxKinds.Person, Recipient: personKey, Activity: Serialize(ProactiveMessenger.CardMessage(card)));

    /// <summary>A text message posted into a stored conversation (a new post in a channel).</summary>
    public static OutboxMessage TextToConversation(string name, ConversationReference conversation, string text) =>
        new(name, OutboxKinds.Conversation,
            Conversation: JsonSerializer.Serialize(conversation, BotJson.Options),
            Activity: Serialize(new Activity { Type = ActivityTypes.Message, Text = text }));

    /// <summary>The row for this message in <paramref name="partitionKey"/>, pending from <paramref name="now"/>.</summary>
    public OutboxEntity ToEntity(string partitionKey, string notificationId, DateTimeOffset now) => new()
    {
        PartitionKey = partitionKey,
        RowKey = OutboxEntity.RowKeyFor(notificationId),
        Kind = Kind,
        Recipient = Recipient,
        Subject = Subject,
        Conversation = Conversation,
        Activity = Activity,
        CollapseKey = CollapseKey,
        CreatedAt = now,
        NextAttemptAt = now,
        Pending = true,
    };

    private static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, BotJson.Options);
}
