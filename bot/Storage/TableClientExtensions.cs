using Azure;
using Azure.Data.Tables;

namespace LearningBot.Storage;

/// <summary>Small conveniences over Azure.Data.Tables' <see cref="TableClient"/> that every store wants.</summary>
public static class TableClientExtensions
{
    /// <summary>
    /// Reads one entity, or null when there is none. Keys the service would refuse are not sent: no entity can have them,
    /// so there is none.
    /// </summary>
    public static async Task<T?> FindAsync<T>(this TableClient table, string partitionKey, string rowKey,
        IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        if (!TableKeyRules.IsValidKey(partitionKey) || !TableKeyRules.IsValidKey(rowKey))
        {
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Every entity matching <paramref name="filter"/>, following continuation tokens to the end.</summary>
    public static async Task<List<T>> ListAsync<T>(this TableClient table, string? filter,
        IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var entities = new List<T>();
        await foreach (var entity in table.QueryAsync<T>(filter, select: select, cancellationToken: cancellationToken))
        {
            entities.Add(entity);
        }

        return entities;
    }

    /// <summary>The entity's version after a write, to pass as If-Match to the next one.</summary>
    public static ETag NewETag(this Response response) => response.Headers.ETag ?? default;
}
