using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace LearningBot.Outbox;

/// <summary>What a capability calls after committing outbox rows: kick the worker, and wait briefly for the outcome.</summary>
public sealed class OutboxDispatcher(IOutboxSignal signal, IOptions<OutboxOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Asks for <paramref name="partitionKey"/>'s pending rows in <paramref name="table"/> to be delivered now, and waits
    /// up to <c>Outbox:WaitInTurn</c> for what became of them. An empty list means "still under way": delivery goes on in
    /// the background and the rows are safe in storage either way. Never throws for a slow or failed delivery.
    /// </summary>
    public async Task<IReadOnlyList<OutboxReport>> DeliverSoonAsync(string table, string partitionKey, CancellationToken cancellationToken, bool force = false)
    {
        var kick = new OutboxKick(table, partitionKey, force);
        signal.Send(kick);
        try
        {
            return await kick.Done.WaitAsync(options.Value.WaitInTurn, cancellationToken);
        }
        catch (TimeoutException)
        {
            return [];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>
    /// Asks for the outbox rows a commit just wrote to be delivered now, without waiting: for a turn whose answer does not
    /// depend on how the delivery goes. <paramref name="committed"/> is what the commit wrote, each entity with the ETag
    /// it was given: this instance delivers those rows without reading the partition back (claiming each at that ETag),
    /// and their handlers may take the other entities as read. The rows must be new messages: no older pending row shares
    /// their collapse key (a plain kick delivers the newest of those and marks the rest superseded). Other instances get
    /// the kick through the queue as usual, as a plain kick for the partition, unless every row was committed claimed for
    /// it (see <see cref="OutboxKick.HandOver"/>).
    /// </summary>
    /// <remarks>
    /// Rows written through <see cref="HeldForKick"/> are sent without a claim of their own: the commit made it.
    /// </remarks>
    public void Kick(string table, string partitionKey, IReadOnlyList<ITableEntity> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        signal.Send(new OutboxKick(table, partitionKey, committed: committed));
    }

    /// <summary>
    /// <paramref name="row"/> as it is to be committed when a <see cref="Kick"/> follows the commit: already claimed, as a
    /// claim would leave it (leased for <c>Outbox:LeaseDuration</c>, first attempt), so this instance sends it without
    /// a claim write of its own, and no other instance or scan takes it while the lease runs. Should this instance stop
    /// before sending, the lease runs out and the queue's kick or the periodic scan delivers it then.
    /// </summary>
    public OutboxEntity HeldForKick(OutboxEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row with { LeaseUntil = clock.GetUtcNow() + options.Value.LeaseDuration, LeaseOwner = OutboxEntity.HeldByCommit, Attempts = 1 };
    }
}
