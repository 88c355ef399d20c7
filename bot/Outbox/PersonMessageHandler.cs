using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;

namespace LearningBot.Outbox;

/// <summary>Delivers <see cref="OutboxKinds.Person"/> rows to the person's 1:1 chat with the bot.</summary>
internal sealed class PersonMessageHandler(ProactiveMessenger messenger) : IOutboxHandler
{
    public string Kind => OutboxKinds.Person;

    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        if (row.Recipient is not { Length: > 0 } personKey || Read(row.Activity) is not { } activity)
        {
            return new OutboxResult.Unreachable("incomplete-row");
        }

        var sent = await messenger.SendToPersonAsync(personKey, activity, cancellationToken);
        return sent is null ? new OutboxResult.Unreachable("no-chat-or-blocked") : new OutboxResult.Delivered(sent.ActivityId);
    }

    internal static Activity? Read(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Activity>(json, BotJson.Options);
}
