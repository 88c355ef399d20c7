using LearningBot.Connector.Schema;

namespace LearningBot.Delivery.Sending;

/// <summary>
/// Sends one message to one recipient through the Bot Connector: finds (or opens) their conversation, waits for the
/// tenant's shared send budget, sends, and says how it went. Never throws for a connector or storage failure; the
/// delivery engine decides what happens next from the result.
/// </summary>
public interface IRecipientSender
{
    Task<RecipientSendResult> SendAsync(DeliveryRecipient recipient, Activity message, SendPace pace, CancellationToken cancellationToken);
}
