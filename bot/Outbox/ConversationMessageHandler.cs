using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;

namespace LearningBot.Outbox;

/// <summary>Delivers <see cref="OutboxKinds.Conversation"/> rows: a new post in a stored conversation (a channel).</summary>
internal sealed class ConversationMessageHandler(ProactiveMessenger messenger) : IOutboxHandler
{
    public string Kind => OutboxKinds.Conversation;

    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        var conversation = string.IsNullOrEmpty(row.Conversation) ? null : JsonSerializer.Deserialize<ConversationReference>(row.Conversation, BotJson.Options);
        if (conversation?.ServiceUrl is null || conversation.Conversation?.Id is null || PersonMessageHandler.Read(row.Activity) is not { } activity)
        {
            return new OutboxResult.Unreachable("incomplete-row");
        }

        var sent = await messenger.SendAsync(conversation, activity, cancellationToken);
        return new OutboxResult.Delivered(sent.ActivityId);
    }
}
