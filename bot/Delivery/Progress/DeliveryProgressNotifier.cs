using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// Posts the requester's progress card when a delivery has been queued and records where it went, so
/// <see cref="DeliveryProgressUpdater"/> can keep it up to date. The card is posted once per delivery, whichever
/// instance is told first; a failure is logged and never reaches the delivery.
/// </summary>
public sealed partial class DeliveryProgressNotifier(
    DeliveryProgressCardStore store,
    DeliveryProgressCards cards,
    ProactiveMessenger messenger,
    TimeProvider clock,
    ILogger<DeliveryProgressNotifier> logger) : IDeliveryProgressNotifier
{
    public async Task StartedAsync(DeliveryProgress progress, ConversationReference progressTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(progressTo);
        try
        {
            if (!await store.ClaimPostingAsync(progress.DeliveryId, clock.GetUtcNow(), cancellationToken))
            {
                return;
            }

            var sent = await messenger.SendCardAsync(progressTo, cards.Render(progress), cancellationToken);
            await store.RecordPostedAsync(progress.DeliveryId, sent, DeliveryProgressCards.Fingerprint(progress), clock.GetUtcNow(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogNotPosted(exception, progress.DeliveryId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The progress card for delivery {DeliveryId} could not be posted; the delivery goes on without it")]
    private partial void LogNotPosted(Exception exception, string deliveryId);
}
