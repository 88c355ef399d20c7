using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.Delivery;

/// <summary>Removing finished deliveries' ledgers after <c>Delivery:LedgerRetention</c> (<see cref="DeliveryLedgerRetention"/>).</summary>
public sealed partial class DeliveryStore
{
    private static readonly string[] RetentionColumns =
    [
        nameof(DeliveryEntity.PartitionKey), nameof(DeliveryEntity.RowKey), nameof(DeliveryEntity.FinishedAt),
        nameof(DeliveryEntity.LedgerTable), nameof(DeliveryEntity.LedgerRemovedAt),
    ];

    /// <summary>
    /// The headers of deliveries that finished before <paramref name="cutoff"/> whose ledger is not yet removed, in a
    /// table of its own or beside the header. A query over every header (a few small columns each), so it is for a job
    /// that runs now and then.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryEntity>> ListLedgersFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {DeliveryEntity.HeaderRowKey} and FinishedAt lt {cutoff}");
        var headers = await table.ListAsync<DeliveryEntity>(filter, RetentionColumns, cancellationToken);
        return [.. headers.Where(header => header.LedgerRemovedAt is null)];
    }

    /// <summary>
    /// Deletes a ledger kept beside its header (a delivery recorded before ledgers had tables of their own): every row
    /// of the delivery's partition in <c>Deliveries</c> but the header, keys only, 100 to a transaction. Returns how many
    /// rows went (none when they were already gone).
    /// </summary>
    public async Task<int> DeleteLedgerBesideHeaderAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        _ledgers.TryRemove(deliveryId, out _);
        var table = await _table.GetAsync(cancellationToken);
        return await table.DeletePartitionRowsAsync(
            deliveryId, TableClient.CreateQueryFilter($"RowKey ne {DeliveryEntity.HeaderRowKey}"), cancellationToken);
    }

    /// <summary>Deletes a ledger's table in one call; true when it was there, false when it was already gone.</summary>
    public async Task<bool> DeleteLedgerTableAsync(string deliveryId, string ledgerTable, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ledgerTable);
        if (ledgerTable == TableName)
        {
            throw new ArgumentException("A ledger beside the headers is not in a table of its own.", nameof(ledgerTable));
        }

        _ledgers.TryRemove(deliveryId, out _);
        try
        {
            var response = await tables.Service.DeleteTableAsync(tables.TableName(ledgerTable), cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException gone) when (gone.IsNotFound())
        {
            return false;
        }
    }
}
