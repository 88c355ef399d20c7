namespace LearningBot.Storage;

/// <summary>
/// One table, shaped like Azure.Data.Tables' <c>TableClient</c> so the official package can replace this folder.
/// Keys and sizes are validated before any request (<see cref="ArgumentException"/>); service refusals are
/// <see cref="TableStorageException"/> (<see cref="EntityAlreadyExistsException"/>, <see cref="ConcurrencyConflictException"/>,
/// <see cref="EntityNotFoundException"/>, <see cref="TableTransactionFailedException"/>).
/// </summary>
public interface ITableClient
{
    string Name { get; }

    /// <summary>Creates the table; an existing table is fine (Status 409 in the response, no exception).</summary>
    Task<TableResponse> CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the table and everything in it; a missing table is fine.</summary>
    Task DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts a new entity; throws <see cref="EntityAlreadyExistsException"/> if the keys are taken.</summary>
    Task<TableResponse> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>Reads one entity; throws <see cref="EntityNotFoundException"/> when it does not exist.</summary>
    Task<T> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>Reads one entity, or null when it does not exist.</summary>
    Task<T?> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>Inserts, or merges into / replaces an existing entity, whatever its version.</summary>
    Task<TableResponse> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>
    /// Updates an existing entity if its version still matches <paramref name="ifMatch"/> (or any version with
    /// <see cref="ETag.All"/>); throws <see cref="ConcurrencyConflictException"/> when someone else wrote first.
    /// </summary>
    Task<TableResponse> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>Deletes an entity (only at that version, when <paramref name="ifMatch"/> is given). A missing entity is fine (Status 404).</summary>
    Task<TableResponse> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default);

    /// <summary>Streams every matching entity, fetching further pages as the caller reads on.</summary>
    IAsyncEnumerable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>One page of a query; pass its <see cref="TablePage{T}.ContinuationToken"/> back for the next.</summary>
    Task<TablePage<T>> QueryPageAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, string? continuationToken = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity;

    /// <summary>
    /// Applies up to 100 actions on one partition atomically: all succeed or none is written.
    /// Returns each action's new ETag, in order.
    /// </summary>
    Task<IReadOnlyList<TableResponse>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default);
}
