namespace LearningBot.Outbox;

/// <summary>
/// Carries kicks from the code that committed outbox rows to the <see cref="OutboxWorker"/> that delivers them. In
/// process today (<see cref="InProcessOutboxSignal"/>); a queue (Azure Queue Storage) can carry them between instances
/// instead: its <see cref="Send"/> enqueues the partition, its <see cref="ReadAllAsync"/> yields dequeued kicks, and the
/// worker does not change. Losing a kick loses nothing: the periodic scan finds every pending row.
/// </summary>
public interface IOutboxSignal
{
    void Send(OutboxKick kick);

    IAsyncEnumerable<OutboxKick> ReadAllAsync(CancellationToken cancellationToken);
}
