using Azure.Data.Tables;

namespace LearningBot.Outbox;

/// <summary>
/// "This partition has messages to deliver": sent after a commit that wrote outbox rows, so they go out at once
/// instead of at the next scan. <see cref="Force"/> also takes rows that are backing off (a channel was just chosen).
/// </summary>
public sealed class OutboxKick(string table, string partitionKey, bool force = false, IReadOnlyList<ITableEntity>? committed = null)
{
    private readonly TaskCompletionSource<IReadOnlyList<OutboxReport>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Table { get; } = table;

    public string PartitionKey { get; } = partitionKey;

    public bool Force { get; } = force;

    /// <summary>
    /// What the commit wrote, each with the ETag it was given, when the kick carries it (in process only; a kick from the
    /// queue never does): its outbox rows are delivered as they are, without reading the partition, and the handlers are
    /// given the other entities as read. Empty for a plain kick, which delivers whatever is pending in the partition.
    /// </summary>
    public IReadOnlyList<ITableEntity> Committed { get; } = committed ?? [];

    /// <summary>
    /// Whether other instances are told through the queue. Not when every outbox row the kick carries was committed
    /// claimed for it (<see cref="OutboxDispatcher.HeldForKick"/>): no other instance may take those rows before their
    /// lease runs out, and from then the periodic scan finds them, so a queue message could only add two storage calls.
    /// </summary>
    public bool HandOver => !(Committed.OfType<OutboxEntity>().Any() && Committed.OfType<OutboxEntity>().All(row => row.LeaseOwner == OutboxEntity.HeldByCommit));

    /// <summary>What became of the partition's rows, once the pass the kick started has finished.</summary>
    public Task<IReadOnlyList<OutboxReport>> Done => _done.Task;

    public void Complete(IReadOnlyList<OutboxReport> reports) => _done.TrySetResult(reports);
}
