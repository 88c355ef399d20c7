using Azure.Storage.Queues;

namespace LearningBot.Storage;

/// <summary>A queue that is created (if missing) the first time it is used, once per process, like <see cref="LazyTable"/>.</summary>
public sealed class LazyQueue(QueueClient queue)
{
    private readonly Lock _gate = new();
    private Task<QueueClient>? _ready;

    public string Name => queue.Name;

    public Task<QueueClient> GetAsync(CancellationToken cancellationToken)
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
                _ready = CreateAsync();
            }

            ready = _ready;
        }

        return ready.WaitAsync(cancellationToken);
    }

    private async Task<QueueClient> CreateAsync()
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        return queue;
    }
}
