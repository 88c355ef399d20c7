using Microsoft.Extensions.Options;

namespace LearningBot.Delivery;

/// <summary>
/// Removes the ledgers (recipients' ids and names) of deliveries that finished more than <c>Delivery:LedgerRetention</c>
/// ago: deletes the ledger's table in one call (already gone counts as done), or, for a delivery recorded before ledgers
/// had tables of their own, its ledger rows beside the header in <c>Deliveries</c> (100 to a transaction); then marks
/// the header (<see cref="DeliveryEntity.LedgerRemovedAt"/>) at the ETag it read, so the header's exact counts are all
/// that stays. Run by <see cref="DeliveryWorker"/> once per <see cref="Period"/> on one instance of all (a periodic
/// lease, like the sweep). Deleting first and marking after means a run that stops between the two is finished by the
/// next one.
/// </summary>
public sealed partial class DeliveryLedgerRetention(
    DeliveryStore store,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryLedgerRetention> logger)
{
    /// <summary>The job's name in the <c>Leases</c> table.</summary>
    public const string Job = "delivery-ledger-retention";

    /// <summary>How often the job runs: retention is counted in days, so once an hour is plenty.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>One pass; returns how many ledgers it removed.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var removed = 0;
        foreach (var expired in await store.ListLedgersFinishedBeforeAsync(now - options.Value.LedgerRetention, cancellationToken))
        {
            var deliveryId = expired.PartitionKey;
            var deleted = expired.LedgerTable is { } ledgerTable
                ? await store.DeleteLedgerTableAsync(deliveryId, ledgerTable, cancellationToken)
                : await store.DeleteLedgerBesideHeaderAsync(deliveryId, cancellationToken) > 0;
            var marked = await store.ChangeHeaderAsync(
                deliveryId,
                header => header.FinishedAt is not null && header.LedgerRemovedAt is null ? header with { LedgerRemovedAt = now } : null,
                cancellationToken);
            if (marked is { Changed: true })
            {
                removed++;
                LogRemoved(deliveryId, expired.FinishedAt!.Value, deleted);
            }
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} (finished {FinishedAt:o}): its ledger was removed after the retention period (deleted in this run: {Deleted})")]
    private partial void LogRemoved(string deliveryId, DateTimeOffset finishedAt, bool deleted);
}
