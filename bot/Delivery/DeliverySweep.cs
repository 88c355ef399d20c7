using Microsoft.Extensions.Options;

namespace LearningBot.Delivery;

/// <summary>
/// The low-frequency check over the open deliveries (the <c>active</c> index): a delivery whose planning stopped after
/// its ledger was complete is queued and marked sending; one that has made no progress for <c>Delivery:StallAfter</c>
/// (its queue messages lost) has its pending recipients queued again; a cancelled one has its remaining recipients
/// settled as cancelled; and any whose ledger has nothing pending is finished with exact counts. Every step is guarded by
/// ETags, so instances sweeping at once do no harm; a second copy of a work message costs a read, never a second send.
/// </summary>
public sealed partial class DeliverySweep(
    DeliveryStore store,
    DeliveryQueue queue,
    DeliveryCompletion completion,
    DeliveryWakeUp wakeUp,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliverySweep> logger)
{
    /// <summary>One pass over the open deliveries; returns how many are still open.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var open = 0;
        foreach (var deliveryId in await store.ListActiveAsync(cancellationToken))
        {
            if (!await SweepOneAsync(deliveryId, cancellationToken))
            {
                open++;
            }
        }

        return open;
    }

    /// <summary>True when the delivery is finished (and off the active list).</summary>
    private async Task<bool> SweepOneAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var header = await store.FindHeaderAsync(deliveryId, cancellationToken);
        if (header is null || !header.IsOpen)
        {
            await store.MarkFinishedAsync(deliveryId, cancellationToken);
            return true;
        }

        var now = clock.GetUtcNow();
        if (header.Status == DeliveryStatuses.Cancelled)
        {
            await SettleCancelledAsync(deliveryId, now, cancellationToken);
            return await completion.FinishIfDoneAsync(deliveryId, cancellationToken);
        }

        if (now - header.LastActivityAt < options.Value.StallAfter)
        {
            return false;
        }

        return header.Status == DeliveryStatuses.Planning
            ? await ResumePlanningAsync(header, cancellationToken)
            : await RequeueStalledAsync(deliveryId, now, cancellationToken);
    }

    private async Task<bool> RequeueStalledAsync(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await completion.FinishIfDoneAsync(deliveryId, cancellationToken))
        {
            return true;
        }

        var census = await store.CensusAsync(deliveryId, cancellationToken);
        await RequeueAsync(deliveryId, census.Pending.Select(row => row.RowKey), cancellationToken);
        await store.ChangeHeaderAsync(deliveryId, header => header with { LastActivityAt = now }, cancellationToken);
        LogRequeued(deliveryId, census.Pending.Count);
        return false;
    }

    /// <summary>A start that stopped after writing the ledger: queue it and mark it sending. A ledger short of its total waits for the requester to ask again.</summary>
    private async Task<bool> ResumePlanningAsync(DeliveryEntity header, CancellationToken cancellationToken)
    {
        var deliveryId = header.PartitionKey;
        var census = await store.CensusAsync(deliveryId, cancellationToken);
        if (census.Rows < header.Total)
        {
            LogPlanningIncomplete(deliveryId, census.Rows, header.Total);
            return false;
        }

        await RequeueAsync(deliveryId, census.Pending.Select(row => row.RowKey), cancellationToken);
        var now = clock.GetUtcNow();
        await store.ChangeHeaderAsync(
            deliveryId,
            current => current.Status == DeliveryStatuses.Planning
                ? DeliveryCompletion.Sampled(current with { Status = DeliveryStatuses.Sending, LastActivityAt = now }, now)
                : null,
            cancellationToken);
        LogPlanningResumed(deliveryId, census.Pending.Count);
        return census.Pending.Count == 0 && await completion.FinishIfDoneAsync(deliveryId, cancellationToken);
    }

    /// <summary>Settles every pending row nobody holds a lease on as cancelled; rows being sent are left to their worker.</summary>
    private async Task SettleCancelledAsync(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var census = await store.CensusAsync(deliveryId, cancellationToken);
        await Parallel.ForEachAsync(
            census.Pending.Where(row => row.LeaseUntil is null || row.LeaseUntil <= now),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.PlanningConcurrency, CancellationToken = cancellationToken },
            async (row, token) => await store.TrySettleCancelledAsync(deliveryId, row.RowKey, row.ETag, now, token));
    }

    private async Task RequeueAsync(string deliveryId, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        await queue.SendAllAsync(deliveryId, rowKeys, options.Value.PlanningConcurrency, cancellationToken);
        wakeUp.Wake();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} made no progress for a while; {Pending} pending recipient(s) queued again")]
    private partial void LogRequeued(string deliveryId, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} stopped while planning with its ledger complete; {Pending} recipient(s) queued")]
    private partial void LogPlanningResumed(string deliveryId, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} stopped while planning with {Rows} of {Total} ledger rows; it goes on when it is asked for again")]
    private partial void LogPlanningIncomplete(string deliveryId, int rows, int total);
}
