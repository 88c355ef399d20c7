using LearningBot.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// Keeps every open progress card up to date: every <c>Delivery:Progress:UpdateEvery</c> it reads each open card's
/// delivery and replaces the card in place when what it shows has changed. Any number of instances run this; each
/// card's period is claimed with an ETag-guarded write, so one instance updates a card per period. When a delivery has
/// finished, the final card (summary and report link) is shown once and the card leaves the open index. A failure is
/// logged and the card is tried again next period.
/// </summary>
public sealed partial class DeliveryProgressUpdater(
    DeliveryProgressCardStore store,
    DeliveryProgressCards cards,
    IDeliveries deliveries,
    ProactiveMessenger messenger,
    IOptions<DeliveryProgressOptions> options,
    TimeProvider clock,
    ILogger<DeliveryProgressUpdater> logger) : BackgroundService
{
    /// <summary>A claim this recent counts for the current period (timers on two instances never tick exactly together).</summary>
    private TimeSpan ClaimedFor => options.Value.UpdateEvery * 0.9;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.UpdateEvery, clock, stoppingToken);
                await UpdateOpenCardsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPassFailed(exception);
            }
        }
    }

    /// <summary>One period: each open card is brought up to date, unless another instance has this period already.</summary>
    public async Task UpdateOpenCardsAsync(CancellationToken cancellationToken)
    {
        await foreach (var deliveryId in store.OpenAsync(cancellationToken))
        {
            try
            {
                await UpdateAsync(deliveryId, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                LogUpdateFailed(exception, deliveryId);
            }
        }
    }

    private async Task UpdateAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var card = await store.FindAsync(deliveryId, cancellationToken);
        if (card is null || card.Finished)
        {
            await store.CloseAsync(deliveryId, cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        if (SentMessage.FromJson(card.Message) is not { } sent
            || (card.LastShownAt is { } last && now - last < ClaimedFor)
            || await store.ClaimPeriodAsync(card, now, cancellationToken) is not { } claimed)
        {
            return;
        }

        var progress = await deliveries.GetProgressAsync(deliveryId, cancellationToken);
        if (progress is null)
        {
            await store.CloseAsync(deliveryId, cancellationToken);
            return;
        }

        var shown = DeliveryProgressCards.Fingerprint(progress);
        var finished = DeliveryProgressCards.IsFinished(progress);
        if (shown != claimed.Shown)
        {
            var byReason = finished && !progress.LedgerRemoved ? await UnreachableByReasonAsync(deliveryId, cancellationToken) : null;
            await messenger.UpdateCardAsync(sent, cards.Render(progress, byReason), cancellationToken);
            await store.MarkShownAsync(claimed, shown, finished, cancellationToken);
        }

        if (finished)
        {
            await store.CloseAsync(deliveryId, cancellationToken);
        }
    }

    private async Task<Dictionary<string, int>> UnreachableByReasonAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var line in deliveries.ReportAsync(deliveryId, cancellationToken))
        {
            if (line.Outcome == DeliveryOutcomes.Unreachable)
            {
                var reason = line.Reason ?? "unknown";
                counts[reason] = counts.GetValueOrDefault(reason) + 1;
            }
        }

        return counts;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The progress card of delivery {DeliveryId} could not be updated; it will be tried again next period")]
    private partial void LogUpdateFailed(Exception exception, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress cards could not be read; they will be tried again next period")]
    private partial void LogPassFailed(Exception exception);
}
