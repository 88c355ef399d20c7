namespace LearningBot.Outbox;

/// <summary>
/// "This partition has messages to deliver": sent after a commit that wrote outbox rows, so they go out at once
/// instead of at the next scan. <see cref="Force"/> also takes rows that are backing off (a channel was just chosen).
/// </summary>
public sealed class OutboxKick(string table, string partitionKey, bool force = false)
{
    private readonly TaskCompletionSource<IReadOnlyList<OutboxReport>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Table { get; } = table;

    public string PartitionKey { get; } = partitionKey;

    public bool Force { get; } = force;

    /// <summary>What became of the partition's rows, once the pass the kick started has finished.</summary>
    public Task<IReadOnlyList<OutboxReport>> Done => _done.Task;

    public void Complete(IReadOnlyList<OutboxReport> reports) => _done.TrySetResult(reports);
}
