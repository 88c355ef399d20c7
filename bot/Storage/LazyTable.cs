using Azure.Data.Tables;

namespace LearningBot.Storage;

/// <summary>
/// A table that is created (if missing) the first time a store touches it, once per process. Callers share the one
/// creation; each waits with its own cancellation, and inside a turn for no longer than the turn's
/// <see cref="StorageBudget"/>, so a turn never waits on a creation that a background job started against a silent account.
/// </summary>
public sealed class LazyTable(TableServiceClient service, string tableName)
{
    private readonly CreatedOnce<TableClient> _created = new(async () =>
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        return table;
    });

    public string Name => tableName;

    public Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        var ready = _created.Ready;
        return ready.IsCompletedSuccessfully ? ready : WaitAsync(ready, cancellationToken);
    }

    private static async Task<TableClient> WaitAsync(Task<TableClient> ready, CancellationToken cancellationToken)
    {
        await StorageBudget.WaitAsync(ready, cancellationToken);
        return await ready;
    }
}
