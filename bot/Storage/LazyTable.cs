using Azure.Data.Tables;

namespace LearningBot.Storage;

/// <summary>
/// A table that is created (if missing) the first time a store touches it, once per process. Callers share the one
/// creation; each waits with its own cancellation, and inside a turn for no longer than the turn's
/// <see cref="StorageBudget"/>, so a turn never waits on a creation that a background job started against a silent account.
/// </summary>
public sealed class LazyTable(TableServiceClient service, string tableName)
{
    private readonly Lock _gate = new();
    private Task<TableClient>? _ready;

    public string Name => tableName;

    public Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        var ready = _ready;
        if (ready is { IsCompletedSuccessfully: true })
        {
            return ready;
        }

        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                // Shared by every caller, so one caller giving up must not cancel it for the others.
                _ready = CreateAsync();
            }

            ready = _ready;
        }

        return WaitAsync(ready, cancellationToken);
    }

    private static async Task<TableClient> WaitAsync(Task<TableClient> ready, CancellationToken cancellationToken)
    {
        await StorageBudget.WaitAsync(ready, cancellationToken);
        return await ready;
    }

    private async Task<TableClient> CreateAsync()
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        return table;
    }
}
