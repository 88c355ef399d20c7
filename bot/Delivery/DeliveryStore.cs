using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.Delivery;

/// <summary>
/// The <c>Deliveries</c> table: per delivery one partition with its header, and the <c>active</c> partition listing the
/// deliveries not yet finished. Each delivery's ledger (one row per recipient, partition = delivery id) is in a table of
/// its own, <see cref="LedgerTableName"/>, which its header names (<see cref="DeliveryEntity.LedgerTable"/>; a header
/// that names none is from before ledgers had tables of their own, and its ledger is beside it in <c>Deliveries</c>).
/// So the ledgers of finished deliveries never sit in the table the running ones are read and written in: the
/// storage emulator answers every query by scanning the whole table and keeps its indexes over the whole table, so one
/// shared ledger table made every delivery's range reads and writes slower with each delivery before it; and a
/// finished delivery's rows can go in one call (delete its table) instead of one entity-group transaction per 100.
/// </summary>
public sealed partial class DeliveryStore(TableStorage tables)
{
    public const string TableName = "Deliveries";

    /// <summary>The ledger tables this instance has met, by delivery; past this many it starts again (a header read each).</summary>
    private const int MaxKnownLedgers = 1024;

    private const int TransactionRows = 100;
    private const int HeaderChangeAttempts = 30;

    private static readonly string[] CensusColumns =
    [
        nameof(DeliveryRecipientEntity.RowKey), nameof(DeliveryRecipientEntity.Outcome),
        nameof(DeliveryRecipientEntity.LeaseUntil), nameof(DeliveryRecipientEntity.NextAttemptAt),
    ];

    private static readonly string[] ReportColumns =
    [
        nameof(DeliveryRecipientEntity.Kind), nameof(DeliveryRecipientEntity.Organisation), nameof(DeliveryRecipientEntity.OrganisationKind),
        nameof(DeliveryRecipientEntity.Outcome), nameof(DeliveryRecipientEntity.Reason), nameof(DeliveryRecipientEntity.LastError),
        nameof(DeliveryRecipientEntity.SettledAt),
    ];

    private readonly LazyTable _table = tables.Table(TableName);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LazyTable> _ledgers = new(StringComparer.Ordinal);

    /// <summary>The table (without the deployment's prefix) a new delivery's ledger is written to.</summary>
    public static string LedgerTableName(string deliveryId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        return "Ledger" + deliveryId;
    }

    /// <summary>
    /// The table of the delivery's ledger, as its header names it (read once per delivery and instance; the name never
    /// changes). With no header yet the delivery is new, and its ledger goes in a table of its own.
    /// </summary>
    private async Task<TableClient> LedgerAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (!_ledgers.TryGetValue(deliveryId, out var ledger))
        {
            var header = await FindHeaderAsync(deliveryId, cancellationToken);
            ledger = tables.Table(header is null ? LedgerTableName(deliveryId) : header.LedgerTable ?? TableName);
            if (header is not null)
            {
                if (_ledgers.Count >= MaxKnownLedgers)
                {
                    _ledgers.Clear();
                }

                _ledgers.TryAdd(deliveryId, ledger);
            }
        }

        return await ledger.GetAsync(cancellationToken);
    }

    public async Task<DeliveryEntity?> FindHeaderAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<DeliveryEntity>(deliveryId, DeliveryEntity.HeaderRowKey, cancellationToken: cancellationToken);
    }

    /// <summary>Adds the header; false when the delivery already has one.</summary>
    public async Task<bool> TryAddHeaderAsync(DeliveryEntity header, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(header, cancellationToken);
            return true;
        }
        catch (RequestFailedException exists) when (exists.IsAlreadyExists())
        {
            return false;
        }
    }

    /// <summary>Read the header, decide, write at the version read (again on a lost race). Null when there is no header.</summary>
    public async Task<EntityChange<DeliveryEntity>?> ChangeHeaderAsync(
        string deliveryId, Func<DeliveryEntity, DeliveryEntity?> decide, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ChangeAsync<DeliveryEntity>(
            deliveryId,
            DeliveryEntity.HeaderRowKey,
            current => decide(current) is { } changed ? new EntityDecision<DeliveryEntity>.Write(changed) : new EntityDecision<DeliveryEntity>.Keep(),
            maxAttempts: HeaderChangeAttempts,
            cancellationToken: cancellationToken);
    }

    public async Task MarkActiveAsync(string deliveryId, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new ActiveDeliveryEntity { RowKey = deliveryId, CreatedAt = createdAt }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task MarkFinishedAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.DeleteEntityAsync(ActiveDeliveryEntity.ActivePartition, deliveryId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.IsNotFound())
        {
            // Another instance took it off first.
        }
    }

    public async Task<IReadOnlyList<string>> ListActiveAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ActiveDeliveryEntity.ActivePartition}");
        var rows = await table.ListAsync<ActiveDeliveryEntity>(filter, [nameof(ActiveDeliveryEntity.RowKey)], cancellationToken);
        return [.. rows.Select(row => row.RowKey)];
    }

    /// <summary>
    /// Adds the ledger rows not yet written, in entity-group transactions of 100 rows, <paramref name="concurrency"/> at a
    /// time. A row already there is never written again (planning finished after a crash, or asked for twice): any write
    /// to it, even of the same fields, would change its ETag under a worker that has claimed it and is sending, and that
    /// worker could then not record the send, leaving the recipient to be sent to again once the claim ran out.
    /// </summary>
    public async Task WriteLedgerAsync(string deliveryId, IReadOnlyList<DeliveryRecipientEntity> rows, int concurrency, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(deliveryId, cancellationToken);
        var written = (await table.ListAsync<DeliveryRecipientEntity>(LedgerFilter(deliveryId), [nameof(DeliveryRecipientEntity.RowKey)], cancellationToken))
            .Select(row => row.RowKey)
            .ToHashSet(StringComparer.Ordinal);
        var batches = rows.Where(row => !written.Contains(row.RowKey)).Select(row => LedgerEntity(deliveryId, row)).Chunk(TransactionRows);
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (batch, token) => await AddLedgerBatchAsync(table, batch, token));
    }

    /// <summary>Adds the rows in one transaction; when another start added some of them meanwhile, adds the rest one by one.</summary>
    private static async Task AddLedgerBatchAsync(TableClient table, IReadOnlyList<TableEntity> batch, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(batch.Select(entity => new TableTransactionAction(TableTransactionActionType.Add, entity)), cancellationToken);
            return;
        }
        catch (RequestFailedException exists) when (exists.IsAlreadyExists())
        {
            // Fall through: the transaction wrote nothing.
        }

        foreach (var entity in batch)
        {
            try
            {
                await table.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException exists) when (exists.IsAlreadyExists())
            {
                // Written by the other start; left as it is.
            }
        }
    }

    /// <summary>One ledger row as it is now, or null when there is none.</summary>
    public async Task<DeliveryRecipientEntity?> FindRowAsync(string deliveryId, string rowKey, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(deliveryId, cancellationToken);
        return await table.FindAsync<DeliveryRecipientEntity>(deliveryId, rowKey, cancellationToken: cancellationToken);
    }

    /// <summary>The ledger rows named, read with one range query over their keys.</summary>
    public async Task<IReadOnlyList<DeliveryRecipientEntity>> ReadRowsAsync(string deliveryId, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(deliveryId, cancellationToken);
        var first = rowKeys.Min(StringComparer.Ordinal)!;
        var last = rowKeys.Max(StringComparer.Ordinal)!;
        var wanted = rowKeys.ToHashSet(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {deliveryId} and RowKey ge {first} and RowKey le {last}");
        var rows = await table.ListAsync<DeliveryRecipientEntity>(filter, cancellationToken: cancellationToken);
        return [.. rows.Where(row => wanted.Contains(row.RowKey))];
    }

    /// <summary>Replaces the row if it is still at <paramref name="etag"/>: the new ETag, or null when someone else wrote it first.</summary>
    public async Task<ETag?> TryReplaceAsync(DeliveryRecipientEntity row, ETag etag, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(row.PartitionKey, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken);
            return response.NewETag();
        }
        catch (RequestFailedException lost) when (lost.IsConcurrencyConflict())
        {
            // A first attempt can land and still time out here; the client's retry then meets our own write. That is ours.
            var stored = await table.GetEntityIfExistsAsync<DeliveryRecipientEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            return stored.HasValue && IsSameWrite(stored.Value!, row) ? stored.Value!.ETag : null;
        }
        catch (RequestFailedException lost) when (lost.IsNotFound())
        {
            return null;
        }
    }

    private static bool IsSameWrite(DeliveryRecipientEntity stored, DeliveryRecipientEntity written) =>
        stored.Attempts == written.Attempts && stored.LeaseOwner == written.LeaseOwner && stored.LeaseUntil == written.LeaseUntil
        && stored.Outcome == written.Outcome && stored.NextAttemptAt == written.NextAttemptAt && stored.LastError == written.LastError;

    /// <summary>Settles a pending row as cancelled if it is still at <paramref name="etag"/> (merged: its other fields stay).</summary>
    public async Task<bool> TrySettleCancelledAsync(string deliveryId, string rowKey, ETag etag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(deliveryId, cancellationToken);
        var settled = new TableEntity(deliveryId, rowKey)
        {
            [nameof(DeliveryRecipientEntity.Outcome)] = DeliveryOutcomes.Cancelled,
            [nameof(DeliveryRecipientEntity.SettledAt)] = now,
        };
        try
        {
            await table.UpdateEntityAsync(settled, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException lost) when (lost.IsConcurrencyConflict() || lost.IsNotFound())
        {
            return false;
        }
    }

    /// <summary>Counts the ledger's outcomes with a query that brings back four small columns per row, and lists the pending rows.</summary>
    public async Task<DeliveryCensus> CensusAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(deliveryId, cancellationToken);
        int rows = 0, sent = 0, unreachable = 0, failed = 0, cancelled = 0;
        var pending = new List<DeliveryRecipientEntity>();
        await foreach (var row in table.QueryAsync<DeliveryRecipientEntity>(LedgerFilter(deliveryId), select: CensusColumns, cancellationToken: cancellationToken))
        {
            rows++;
            switch (row.Outcome)
            {
                case DeliveryOutcomes.Sent: sent++; break;
                case DeliveryOutcomes.Unreachable: unreachable++; break;
                case DeliveryOutcomes.Failed: failed++; break;
                case DeliveryOutcomes.Cancelled: cancelled++; break;
                default: pending.Add(row); break;
            }
        }

        return new DeliveryCensus(rows, sent, unreachable, failed, cancelled, pending);
    }

    /// <summary>Every ledger row with the columns the report shows (never the message or the recipient's key).</summary>
    public async IAsyncEnumerable<DeliveryRecipientEntity> ReadReportRowsAsync(
        string deliveryId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(deliveryId, cancellationToken);
        await foreach (var row in table.QueryAsync<DeliveryRecipientEntity>(LedgerFilter(deliveryId), select: ReportColumns, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    private static string LedgerFilter(string deliveryId) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {deliveryId} and RowKey ge {DeliveryKeys.RecipientRowKeyPrefix} and RowKey lt {DeliveryKeys.RecipientRowKeyEnd}");

    /// <summary>Only the recipient's fields (and, for someone without Teams, the outcome that can never change).</summary>
    private static TableEntity LedgerEntity(string deliveryId, DeliveryRecipientEntity row)
    {
        var entity = new TableEntity(deliveryId, row.RowKey)
        {
            [nameof(row.Kind)] = row.Kind,
            [nameof(row.Key)] = row.Key,
            [nameof(row.UsesTeams)] = row.UsesTeams,
        };
        AddIfSet(entity, nameof(row.Organisation), row.Organisation);
        AddIfSet(entity, nameof(row.OrganisationKind), row.OrganisationKind);
        AddIfSet(entity, nameof(row.Conversation), row.Conversation);
        if (row.Outcome is not null)
        {
            entity[nameof(row.Outcome)] = row.Outcome;
            entity[nameof(row.Reason)] = row.Reason;
            entity[nameof(row.SettledAt)] = row.SettledAt;
        }

        return entity;
    }

    private static void AddIfSet(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
