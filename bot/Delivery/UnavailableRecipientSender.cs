using LearningBot.Connector.Schema;
using LearningBot.Delivery.Sending;

namespace LearningBot.Delivery;

/// <summary>
/// The sender used only when no <see cref="IRecipientSender"/> is registered (<c>AddDeliverySending</c> registers the
/// real one): every send is a transient failure, so recipients wait and are retried rather than lost or marked unreachable.
/// </summary>
public sealed class UnavailableRecipientSender : IRecipientSender
{
    public Task<RecipientSendResult> SendAsync(DeliveryRecipient recipient, Activity message, CancellationToken cancellationToken) =>
        Task.FromResult<RecipientSendResult>(new RecipientSendResult.Transient("no-sender"));
}
