using System.Collections.Concurrent;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;

namespace LearningBot.Tests.Support;

/// <summary>
/// An <see cref="IDeliveries"/> that follows the contract without sending anything: the same purpose and idempotency
/// key always give the same delivery, and a test sets each delivery's progress and report lines itself.
/// </summary>
public sealed class InMemoryDeliveries : IDeliveries
{
    private readonly ConcurrentDictionary<string, DeliveryRequest> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeliveryProgress> _progress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<DeliveryReportLine>> _reports = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Every delivery started (not the repeats of one), in order.</summary>
    public List<DeliveryRequest> Started { get; } = [];

    public ConcurrentQueue<(string DeliveryId, string CancelledBy)> Cancels { get; } = new();

    /// <summary>Told when a new delivery with a <see cref="DeliveryRequest.ProgressTo"/> has started, as the engine does.</summary>
    public IDeliveryProgressNotifier? Notifier { get; set; }

    public static string IdFor(string purpose, string idempotencyKey) => DeliveryKeys.DeliveryId(purpose, idempotencyKey);

    public async Task<DeliveryStarted> StartAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var id = IdFor(request.Purpose, request.IdempotencyKey);
        DeliveryProgress progress;
        lock (_gate)
        {
            if (!_requests.TryAdd(id, request))
            {
                return new DeliveryStarted(id, AlreadyExisted: true);
            }

            Started.Add(request);
            progress = _progress[id] = new DeliveryProgress(id, request.Purpose, request.RequestedBy, DeliveryStatuses.Sending,
                request.Recipients.Count, 0, 0, 0, 0, DateTimeOffset.UtcNow, null, null);
        }

        if (Notifier is { } notifier && request.ProgressTo is { } progressTo)
        {
            await notifier.StartedAsync(progress, progressTo, cancellationToken);
        }

        return new DeliveryStarted(id, AlreadyExisted: false);
    }

    /// <summary>A delivery as if it had been started, with the given progress.</summary>
    public DeliveryProgress Set(DeliveryProgress progress)
    {
        _progress[progress.DeliveryId] = progress;
        return progress;
    }

    public void SetReport(string deliveryId, params DeliveryReportLine[] lines) => _reports[deliveryId] = lines;

    public Task<DeliveryProgress?> GetProgressAsync(string deliveryId, CancellationToken cancellationToken) =>
        Task.FromResult(_progress.GetValueOrDefault(deliveryId));

    public Task<bool> CancelAsync(string deliveryId, string cancelledBy, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_progress.GetValueOrDefault(deliveryId) is not { Status: DeliveryStatuses.Sending } progress)
            {
                return Task.FromResult(false);
            }

            Cancels.Enqueue((deliveryId, cancelledBy));
            _progress[deliveryId] = progress with { Status = DeliveryStatuses.Cancelled, Cancelled = progress.Pending, FinishedAt = DateTimeOffset.UtcNow };
            return Task.FromResult(true);
        }
    }

    public async IAsyncEnumerable<DeliveryReportLine> ReportAsync(string deliveryId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var line in _reports.GetValueOrDefault(deliveryId) ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return line;
        }
    }
}
