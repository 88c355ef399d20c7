using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.Delivery.Sending;

namespace LearningBot.Outbox;

/// <summary>
/// Delivers <see cref="OutboxKinds.Person"/> rows to the person's 1:1 chat with the bot, through the same sender as
/// deliveries: the chat is opened (and the app installed) when there is none yet, within Teams' shared send budget.
/// </summary>
internal sealed class PersonMessageHandler(IRecipientSender sender) : IOutboxHandler
{
    public string Kind => OutboxKinds.Person;

    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        if (row.Recipient is not { Length: > 0 } personKey || Read(row.Activity) is not { } activity)
        {
            return new OutboxResult.Unreachable("incomplete-row");
        }

        return ToOutboxResult(await sender.SendAsync(DeliveryRecipient.Person(personKey), activity, PaceOf(row), cancellationToken));
    }

    /// <summary>
    /// A row's first attempt follows at once from what a person just did, so it goes promptly, like a reply; a retry
    /// (after an outage, a throttle) waits its turn in the shared budget, as a backlog must not burst.
    /// </summary>
    internal static SendPace PaceOf(OutboxEntity row) => row.Attempts <= 1 ? SendPace.Prompt : SendPace.Paced;

    internal static Activity? Read(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Activity>(json, BotJson.Options);

    /// <summary>A rejected request is not retried, like an unreachable recipient; throttling and passing failures are.</summary>
    internal static OutboxResult ToOutboxResult(RecipientSendResult result) => result switch
    {
        RecipientSendResult.Sent sent => new OutboxResult.Delivered(sent.ActivityId),
        RecipientSendResult.Unreachable unreachable => new OutboxResult.Unreachable(unreachable.Reason),
        RecipientSendResult.Rejected rejected => new OutboxResult.Unreachable(rejected.Reason),
        RecipientSendResult.Throttled => new OutboxResult.RetryLater("throttled"),
        RecipientSendResult.Transient transient => new OutboxResult.RetryLater(transient.Reason),
        _ => new OutboxResult.RetryLater("unknown-result"),
    };
}
