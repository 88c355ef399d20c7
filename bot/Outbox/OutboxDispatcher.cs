using Microsoft.Extensions.Options;

namespace LearningBot.Outbox;

/// <summary>What a capability calls after committing outbox rows: kick the worker, and wait briefly for the outcome.</summary>
public sealed class OutboxDispatcher(IOutboxSignal signal, IOptions<OutboxOptions> options)
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
}
