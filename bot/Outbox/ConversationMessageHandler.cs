using LearningBot.Delivery;
using LearningBot.Delivery.Sending;

namespace LearningBot.Outbox;

/// <summary>
/// Delivers <see cref="OutboxKinds.Conversation"/> rows: a new post in a stored conversation (a channel), through the
/// same sender and send budget as deliveries.
/// </summary>
internal sealed class ConversationMessageHandler(IRecipientSender sender) : IOutboxHandler
{
    public string Kind => OutboxKinds.Conversation;

    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(row.Conversation) || PersonMessageHandler.Read(row.Activity) is not { } activity)
        {
            return new OutboxResult.Unreachable("incomplete-row");
        }

        var channel = new DeliveryRecipient(RecipientKinds.Channel, row.PartitionKey, Conversation: row.Conversation);
        return PersonMessageHandler.ToOutboxResult(await sender.SendAsync(channel, activity, PersonMessageHandler.PaceOf(row), cancellationToken));
    }
}
