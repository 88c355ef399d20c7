using Azure;
using Azure.Data.Tables;

namespace LearningBot.Storage;

/// <summary>Deleting many rows of one partition, for jobs that remove records after their retention period.</summary>
public static class PartitionRowDeletion
{
    /// <summary>The most operations one entity-group transaction may hold.</summary>
    public const int TransactionRows = 100;

    private static readonly string[] KeyColumns = [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey)];

    /// <summary>
    /// Deletes every row of <paramref name="partitionKey"/> (those matching <paramref name="rowFilter"/> too, when
    /// given), reading only their keys, in entity-group transactions of <see cref="TransactionRows"/>. Returns how many
    /// rows it deleted. A row already gone is skipped (a transaction that meets one is done again row by row), so
    /// running it twice, or after a run that stopped half way, is harmless.
    /// </summary>
    /// <param name="rowFilter">An OData filter on the rows (for example on RowKey), or null for the whole partition.</param>
    public static async Task<int> DeletePartitionRowsAsync(
        this TableClient table, string partitionKey, string? rowFilter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        if (!string.IsNullOrEmpty(rowFilter))
        {
            filter = $"{filter} and ({rowFilter})";
        }

        // Paging goes on from the last key read, so deleting the rows already read never makes the query skip any.
        var deleted = 0;
        var batch = new List<TableEntity>(TransactionRows);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: KeyColumns, cancellationToken: cancellationToken))
        {
            batch.Add(new TableEntity(row.PartitionKey, row.RowKey));
            if (batch.Count == TransactionRows)
            {
                deleted += await DeleteBatchAsync(table, batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            deleted += await DeleteBatchAsync(table, batch, cancellationToken);
        }

        return deleted;
    }

    private static async Task<int> DeleteBatchAsync(TableClient table, IReadOnlyList<TableEntity> batch, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(
                batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken);
            return batch.Count;
        }
        catch (RequestFailedException gone) when (gone.IsNotFound())
        {
            // A row went meanwhile (an earlier attempt of this transaction landed, or another run): the transaction
            // deleted nothing, so the rest go one by one.
        }

        var deleted = 0;
        foreach (var row in batch)
        {
            try
            {
                var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                deleted += response.Status == 404 ? 0 : 1;
            }
            catch (RequestFailedException gone) when (gone.IsNotFound())
            {
                // Already gone.
            }
        }

        return deleted;
    }
}
