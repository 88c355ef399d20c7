using Azure;
using Azure.Data.Tables;

namespace LearningBot.Storage;

/// <summary>
/// Read, decide, write at the version read; when someone else wrote first, read again and decide again, so a decision is
/// always made on the latest state (two people rating one answer: the second sees the first's rating and keeps it).
/// <c>TicketStore.ChangeAsync</c> is the same pattern with a history line written in the same transaction.
/// </summary>
public static class OptimisticChange
{
    /// <summary>
    /// Applies <paramref name="decide"/> to the entity at (<paramref name="partitionKey"/>, <paramref name="rowKey"/>).
    /// Null when there is no such entity, also when it was deleted between the read and the write. After
    /// <paramref name="maxAttempts"/> lost races the last 412 is thrown.
    /// </summary>
    /// <param name="known">
    /// The entity as the caller read it moments ago in the same turn, with its ETag: the first decision is made on it and
    /// written at its ETag without reading again. The ETag keeps that as safe as a fresh read: if anyone wrote since,
    /// the write fails with 412 and the entity is read and decided on again.
    /// </param>
    public static async Task<EntityChange<T>?> ChangeAsync<T>(
        this TableClient table,
        string partitionKey,
        string rowKey,
        Func<T, EntityDecision<T>> decide,
        TableUpdateMode mode = TableUpdateMode.Replace,
        int maxAttempts = 5,
        CancellationToken cancellationToken = default,
        T? known = null)
        where T : class, ITableEntity, new()
    {
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        if (known is not null && (known.PartitionKey != partitionKey || known.RowKey != rowKey || known.ETag == default))
        {
            throw new ArgumentException("The known entity must be the one at these keys, as read with its ETag.", nameof(known));
        }

        for (var attempt = 1; ; attempt++)
        {
            var current = attempt == 1 && known is not null ? known : await table.FindAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
            if (current is null)
            {
                return null;
            }

            if (decide(current) is not EntityDecision<T>.Write write)
            {
                return new EntityChange<T>(current, Changed: false);
            }

            try
            {
                var response = write.Changes is { } changes
                    ? await table.UpdateEntityAsync(Checked(changes, current, mode), current.ETag, mode, cancellationToken)
                    : await table.UpdateEntityAsync(write.Entity, current.ETag, mode, cancellationToken);
                write.Entity.ETag = response.NewETag();
                return new EntityChange<T>(write.Entity, Changed: true);
            }
            catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict() && attempt < maxAttempts)
            {
                // Someone else wrote between our read and our write: decide again on what they wrote.
            }
            catch (RequestFailedException gone) when (gone.IsNotFound())
            {
                return null;
            }
        }
    }

    /// <summary>Only a merge may send part of an entity (a replace would drop the rest), and only at the entity's own keys.</summary>
    private static TableEntity Checked(TableEntity changes, ITableEntity current, TableUpdateMode mode)
    {
        if (mode != TableUpdateMode.Merge || changes.PartitionKey != current.PartitionKey || changes.RowKey != current.RowKey)
        {
            throw new ArgumentException("Only a merge may send just the changed properties, and only at the entity's own keys.", nameof(changes));
        }

        return changes;
    }
}
