using Azure.Storage.Queues.Models;

namespace LearningBot.Delivery;

/// <summary>
/// Keeps a received work message hidden while it is worked on: every half visibility timeout its visibility is extended,
/// and the newest pop receipt is used to delete or re-hide it at the end.
/// </summary>
public sealed class DeliveryMessageLease : IAsyncDisposable
{
    private readonly DeliveryQueue _queue;
    private readonly TimeSpan _visibility;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public DeliveryMessageLease(DeliveryQueue queue, QueueMessage message, TimeSpan visibility, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(message);
        _queue = queue;
        _visibility = visibility;
        MessageId = message.MessageId;
        PopReceipt = message.PopReceipt;
        _renewing = RenewAsync(clock);
    }

    public string MessageId { get; }

    /// <summary>The current pop receipt; null once the message was lost to another worker.</summary>
    public string? PopReceipt { get; private set; }

    /// <summary>Stops extending; afterwards <see cref="PopReceipt"/> no longer changes.</summary>
    public async ValueTask StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _renewing;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RenewAsync(TimeProvider clock)
    {
        var every = _visibility / 2;
        try
        {
            while (PopReceipt is { } receipt)
            {
                await Task.Delay(every, clock, _stop.Token);
                PopReceipt = await _queue.HideAsync(MessageId, receipt, null, _visibility, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Done with the message.
        }
        catch (Exception exception) when (Storage.TableErrors.IsStorageFailure(exception))
        {
            // Could not extend: the message may come back to another worker, whose claims on the rows will fail while ours hold.
        }
    }
}
