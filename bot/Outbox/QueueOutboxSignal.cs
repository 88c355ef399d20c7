using System.Text.Json;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Queues.Models;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Outbox;

/// <summary>
/// Kicks shared by every instance through Azure Queue Storage (queue <c>outbox-kicks</c>). A kick is handed to this
/// instance's worker at once, as in process, and also enqueued, hidden for <c>Outbox:KickHandOver</c>: when this
/// instance delivers everything, it deletes the message; when it cannot (it stopped, or rows are still pending), the
/// message shows again and whichever instance reads it delivers the partition. The rows' ETag claims keep two instances
/// from sending the same row; the periodic scan still covers a message that was never written.
/// </summary>
public sealed partial class QueueOutboxSignal(
    QueueStorage queues,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<QueueOutboxSignal> logger) : IOutboxSignal
{
    public const string QueueName = "outbox-kicks";

    /// <summary>After this many reads that left rows pending, the message is dropped and the periodic scan takes over.</summary>
    public const int MaxReads = 20;

    private const int Batch = 16;
    private static readonly TimeSpan LongestPollWait = TimeSpan.FromMinutes(1);

    private readonly Channel<OutboxKick> _kicks = Channel.CreateUnbounded<OutboxKick>(new UnboundedChannelOptions { SingleReader = true });
    private readonly LazyQueue _queue = queues.Queue(QueueName);
    private int _polling;

    public void Send(OutboxKick kick)
    {
        ArgumentNullException.ThrowIfNull(kick);
        if (!kick.HandOver)
        {
            if (!_kicks.Writer.TryWrite(kick))
            {
                kick.Complete([]);
            }

            return;
        }

        var enqueued = EnqueueAsync(kick);
        if (!_kicks.Writer.TryWrite(kick))
        {
            kick.Complete([]);
        }

        _ = DeleteWhenDeliveredAsync(kick, enqueued);
    }

    public IAsyncEnumerable<OutboxKick> ReadAllAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _polling, 1) == 0)
        {
            _ = PollAsync(cancellationToken);
        }

        return _kicks.Reader.ReadAllAsync(cancellationToken);
    }

    /// <summary>True when the pass a kick started left nothing pending in its partition.</summary>
    public static bool NothingPending(IReadOnlyList<OutboxReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return reports.All(report => report.Outcome != OutboxOutcome.Pending);
    }

    private async Task<SendReceipt?> EnqueueAsync(OutboxKick kick)
    {
        try
        {
            var queue = await _queue.GetAsync(CancellationToken.None);
            var body = JsonSerializer.Serialize(new OutboxKickMessage(kick.Table, kick.PartitionKey, kick.Force), JsonSerializerOptions.Web);
            var receipt = await queue.SendMessageAsync(body, visibilityTimeout: options.Value.KickHandOver, cancellationToken: CancellationToken.None);
            return receipt.Value;
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogNotQueued(exception, kick.Table);
            return null;
        }
    }

    private async Task DeleteWhenDeliveredAsync(OutboxKick kick, Task<SendReceipt?> enqueued)
    {
        var reports = await kick.Done;
        if (await enqueued is { } receipt && reports.Count > 0 && NothingPending(reports))
        {
            await DeleteAsync(receipt.MessageId, receipt.PopReceipt);
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var failureWait = options.Value.QueuePollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var received = await ReceiveAsync(stoppingToken);
                wait = received > 0 ? TimeSpan.Zero : options.Value.QueuePollInterval;
                failureWait = options.Value.QueuePollInterval;
            }
            catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
            {
                LogQueueUnavailable(exception, failureWait);
                wait = failureWait;
                failureWait = failureWait * 2 > LongestPollWait ? LongestPollWait : failureWait * 2;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<int> ReceiveAsync(CancellationToken stoppingToken)
    {
        var queue = await _queue.GetAsync(stoppingToken);
        var messages = (await queue.ReceiveMessagesAsync(Batch, options.Value.KickHandOver, stoppingToken)).Value;
        foreach (var message in messages)
        {
            if (Read(message) is not { } kick || message.DequeueCount > MaxReads)
            {
                await DeleteAsync(message.MessageId, message.PopReceipt);
                continue;
            }

            if (_kicks.Writer.TryWrite(kick))
            {
                _ = DeleteWhenDeliveredAsync(kick, message);
            }
        }

        return messages.Length;
    }

    private async Task DeleteWhenDeliveredAsync(OutboxKick kick, QueueMessage message)
    {
        if (NothingPending(await kick.Done))
        {
            await DeleteAsync(message.MessageId, message.PopReceipt);
        }
    }

    private static OutboxKick? Read(QueueMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize<OutboxKickMessage>(message.Body.ToMemory().Span, JsonSerializerOptions.Web) is { Table.Length: > 0, Partition.Length: > 0 } kick
                ? new OutboxKick(kick.Table, kick.Partition, kick.Force)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task DeleteAsync(string messageId, string popReceipt)
    {
        try
        {
            var queue = await _queue.GetAsync(CancellationToken.None);
            await queue.DeleteMessageAsync(messageId, popReceipt, CancellationToken.None);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Another instance read it since (its receipt replaced ours), or it was deleted already.
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogNotDeleted(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Table}: the kick could not be queued for the other instances; this instance and the periodic scan still deliver")]
    private partial void LogNotQueued(Exception exception, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox kicks queue unavailable; looking again in {Wait}")]
    private partial void LogQueueUnavailable(Exception exception, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox kick could not be deleted from the queue; it will be read again and find nothing to do")]
    private partial void LogNotDeleted(Exception exception);
}
