using Azure.Data.Tables;

namespace LearningBot.Storage;

/// <summary>A table that is created (if missing) the first time a store touches it, once per process.</summary>
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
                _ready = CreateAsync(cancellationToken);
            }

            return _ready;
        }
    }

    private async Task<TableClient> CreateAsync(CancellationToken cancellationToken)
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return table;
    }
}
