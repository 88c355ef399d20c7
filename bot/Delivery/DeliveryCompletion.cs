using LearningBot.Storage;

namespace LearningBot.Delivery;

/// <summary>
/// Keeps a delivery's header counts and finishes the delivery once no recipient is pending. The counts are added per
/// queue message (one ETag-guarded header write for up to 32 recipients); because a process can stop between settling a
/// row and counting it, the counts are a lower bound while the delivery runs. They reaching the total is therefore a
/// sure sign it is done; the finish then counts the ledger itself (a query of the outcome column) and writes the exact
/// numbers with the finish, once. The sweep runs the same finish for deliveries whose counts fell short.
/// </summary>
public sealed partial class DeliveryCompletion(DeliveryStore store, TimeProvider clock, ILogger<DeliveryCompletion> logger)
{
    private static readonly TimeSpan RateSampleSpacing = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CountBuffer> _buffers = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds what one message settled to the header; finishes the delivery when that makes it complete. Counts from this
    /// instance's messages are pooled per delivery and written by one caller at a time, so the header sees about one
    /// write per instance at a time however many messages are in flight.
    /// </summary>
    public async Task AddAsync(string deliveryId, DeliveryTally tally, CancellationToken cancellationToken)
    {
        var buffer = _buffers.GetOrAdd(deliveryId, _ => new CountBuffer());
        buffer.Put(tally);
        while (buffer.HasWaiting && await buffer.Gate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            try
            {
                var counted = buffer.Take();
                try
                {
                    await WriteAsync(deliveryId, counted, cancellationToken);
                }
                catch
                {
                    buffer.Put(counted);
                    throw;
                }
            }
            finally
            {
                buffer.Gate.Release();
            }
        }
    }

    private async Task WriteAsync(string deliveryId, DeliveryTally tally, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await store.ChangeHeaderAsync(deliveryId, header => Counted(header, tally, now), cancellationToken);
        if (change is { Entity: var header } && header.FinishedAt is null && header.Settled >= header.Total &&
            header.Status is DeliveryStatuses.Sending or DeliveryStatuses.Cancelled)
        {
            await FinishIfDoneAsync(deliveryId, cancellationToken);
        }
    }

    /// <summary>
    /// Counts the ledger; when nothing is pending, writes the exact counts and the finish (status completed, or cancelled
    /// as it was) and takes the delivery off the active list. True when the delivery is finished.
    /// </summary>
    public async Task<bool> FinishIfDoneAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var census = await store.CensusAsync(deliveryId, cancellationToken);
        if (census.Pending.Count > 0)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var change = await store.ChangeHeaderAsync(deliveryId, header => Finished(header, census, now), cancellationToken);
        if (change is null || change.Entity.FinishedAt is null)
        {
            return false;
        }

        if (change.Changed)
        {
            LogFinished(deliveryId, change.Entity.Status, change.Entity.Sent, change.Entity.Unreachable, change.Entity.Failed, change.Entity.Cancelled);
        }

        await store.MarkFinishedAsync(deliveryId, cancellationToken);
        _buffers.TryRemove(deliveryId, out _);
        return true;
    }

    private static DeliveryEntity? Counted(DeliveryEntity header, DeliveryTally tally, DateTimeOffset now)
    {
        if (header.FinishedAt is not null)
        {
            return null;
        }

        var counted = header with
        {
            Sent = header.Sent + tally.Sent,
            Unreachable = header.Unreachable + tally.Unreachable,
            Failed = header.Failed + tally.Failed,
            Cancelled = header.Cancelled + tally.Cancelled,
            LastActivityAt = now,
        };
        return Sampled(counted, now);
    }

    /// <summary>Moves the rate window on: the newer sample becomes the older one every 30 s or so.</summary>
    internal static DeliveryEntity Sampled(DeliveryEntity header, DateTimeOffset now) =>
        header.RateToAt is { } newer && now - newer < RateSampleSpacing
            ? header
            : header with
            {
                RateFromAt = header.RateToAt ?? now,
                RateFromSettled = header.RateToAt is null ? header.Settled : header.RateToSettled,
                RateToAt = now,
                RateToSettled = header.Settled,
            };

    private static DeliveryEntity? Finished(DeliveryEntity header, DeliveryCensus census, DateTimeOffset now)
    {
        if (header.FinishedAt is not null || header.Status is not (DeliveryStatuses.Sending or DeliveryStatuses.Cancelled) || census.Rows < header.Total)
        {
            return null;
        }

        var status = header.Status == DeliveryStatuses.Cancelled ? DeliveryStatuses.Cancelled : DeliveryStatuses.Completed;
        return census.ApplyTo(header) with { Status = status, FinishedAt = now, LastActivityAt = now };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} {Status}: {Sent} sent, {Unreachable} unreachable, {Failed} failed, {Cancelled} cancelled")]
    private partial void LogFinished(string deliveryId, string status, int sent, int unreachable, int failed, int cancelled);

    /// <summary>Counts waiting to be written to one delivery's header, and the gate that lets one caller write them.</summary>
    private sealed class CountBuffer
    {
        private readonly Lock _lock = new();
        private DeliveryTally _waiting = new();

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool HasWaiting
        {
            get
            {
                lock (_lock)
                {
                    return _waiting.Total > 0;
                }
            }
        }

        public void Put(DeliveryTally tally)
        {
            lock (_lock)
            {
                _waiting.Add(tally);
            }
        }

        public DeliveryTally Take()
        {
            lock (_lock)
            {
                var taken = _waiting;
                _waiting = new DeliveryTally();
                return taken;
            }
        }
    }
}
