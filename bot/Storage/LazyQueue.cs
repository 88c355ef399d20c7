using Azure.Storage.Queues;

namespace LearningBot.Storage;

/// <summary>A queue that is created (if missing) the first time it is used, once per process, like <see cref="LazyTable"/>.</summary>
public sealed class LazyQueue(QueueClient queue)
{
    private readonly CreatedOnce<QueueClient> _created = new(async () =>
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        return queue;
    });

    public string Name => queue.Name;

    public Task<QueueClient> GetAsync(CancellationToken cancellationToken)
    {
        var ready = _created.Ready;
        return ready.IsCompletedSuccessfully ? ready : ready.WaitAsync(cancellationToken);
    }
}
