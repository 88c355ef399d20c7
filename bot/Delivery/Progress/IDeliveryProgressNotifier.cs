using LearningBot.Connector.Schema;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// Keeps the requester's one progress card for a delivery: posted when the delivery starts, updated in place while it
/// runs, and ending with a summary and the delivery report. The engine calls <see cref="StartedAsync"/> once a delivery
/// is queued; a failure here never fails the delivery.
/// </summary>
public interface IDeliveryProgressNotifier
{
    Task StartedAsync(DeliveryProgress progress, ConversationReference progressTo, CancellationToken cancellationToken);
}
