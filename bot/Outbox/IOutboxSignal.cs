namespace LearningBot.Outbox;

/// <summary>
/// Carries kicks from the code that committed outbox rows to the <see cref="OutboxWorker"/> that delivers them: to this
/// instance at once, and through a queue to any instance (<see cref="QueueOutboxSignal"/>). Losing a kick loses
/// nothing: the periodic scan finds every pending row.
/// </summary>
public interface IOutboxSignal
{
    void Send(OutboxKick kick);

    IAsyncEnumerable<OutboxKick> ReadAllAsync(CancellationToken cancellationToken);
}
