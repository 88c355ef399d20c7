using Azure;
using Azure.Storage.Queues.Models;
using LearningBot.Storage;

namespace LearningBot.Delivery;

/// <summary>
/// The <c>deliveries</c> queue (Azure Queue Storage): work messages that never expire on their own, received with a
/// visibility timeout, hidden again for a delay when their recipients must wait, deleted when done.
/// </summary>
public sealed class DeliveryQueue(QueueStorage queues)
{
    public const string QueueName = "deliveries";

    /// <summary>The longest a message can be hidden (the service's limit).</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly LazyQueue _queue = queues.Queue(QueueName);

    public async Task SendAsync(DeliveryWork work, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await _queue.GetAsync(cancellationToken);
        await queue.SendMessageAsync(work.ToJson(), Hidden(delay), NeverExpires, cancellationToken);
    }

    /// <summary>Queues every one of <paramref name="rowKeys"/>, 32 to a message in key order, <paramref name="concurrency"/> messages at a time.</summary>
    public async Task SendAllAsync(string deliveryId, IEnumerable<string> rowKeys, int concurrency, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(
            DeliveryWork.Split(deliveryId, rowKeys),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (work, token) => await SendAsync(work, TimeSpan.Zero, token));

    public async Task<QueueMessage[]> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var queue = await _queue.GetAsync(cancellationToken);
        var received = await queue.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
        return received.Value;
    }

    /// <summary>Hides the message again for <paramref name="delay"/>, with new content when given; returns the new pop receipt, or null when the message is no longer ours.</summary>
    public async Task<string?> HideAsync(string messageId, string popReceipt, DeliveryWork? content, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await _queue.GetAsync(cancellationToken);
        try
        {
            var updated = await queue.UpdateMessageAsync(messageId, popReceipt, content?.ToJson(), Hidden(delay), cancellationToken);
            return updated.Value.PopReceipt;
        }
        catch (RequestFailedException gone) when (gone.Status is 404 or 400)
        {
            return null;
        }
    }

    /// <summary>Deletes the message; false when it is no longer ours (its visibility ran out and someone else has it).</summary>
    public async Task<bool> DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        var queue = await _queue.GetAsync(cancellationToken);
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
            return true;
        }
        catch (RequestFailedException gone) when (gone.Status is 404 or 400)
        {
            return false;
        }
    }

    /// <summary>The service counts visibility in whole seconds: round up, so a message never comes back before it is due.</summary>
    private static TimeSpan Hidden(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Ceiling(delay.TotalSeconds);
        return seconds >= MaxDelay.TotalSeconds ? MaxDelay - TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(seconds);
    }
}
