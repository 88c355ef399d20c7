using System.Collections.Concurrent;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery;

/// <summary>
/// Carries out deliveries on this instance: receives work messages from the <c>deliveries</c> queue (up to 32 at a
/// time, never more than <c>Delivery:MaxMessagesInFlight</c> in hand) and hands each to <see cref="DeliveryProcessor"/>;
/// when the queue is empty it waits, longer each time up to <c>Delivery:MaxIdlePollDelay</c>, unless this instance just
/// queued work. Every <c>Delivery:SweepInterval</c> one instance of all runs <see cref="DeliverySweep"/> (a lease), and every
/// hour one instance runs <see cref="DeliveryLedgerRetention"/> (a lease of its own). Any number of workers, in one
/// process or many, share the queue. Starts without touching storage, so an outage never holds up the bot's start.
/// </summary>
public sealed partial class DeliveryWorker(
    DeliveryQueue queue,
    DeliveryProcessor processor,
    DeliverySweep sweep,
    DeliveryLedgerRetention retention,
    PeriodicLease lease,
    DeliveryWakeUp wakeUp,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepLoopAsync(stoppingToken);
        var removing = lease.RunEachPeriodAsync(DeliveryLedgerRetention.Job, DeliveryLedgerRetention.Period, retention.RemoveExpiredAsync, stoppingToken);
        var running = new ConcurrentDictionary<Task, bool>();
        using var slots = new SemaphoreSlim(options.Value.MaxMessagesInFlight);
        try
        {
            await ReceiveLoopAsync(slots, running, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: messages in hand come back to a worker after their visibility timeout.
        }

        await Task.WhenAll(running.Keys);
        await sweeping;
        await removing;
    }

    private async Task ReceiveLoopAsync(SemaphoreSlim slots, ConcurrentDictionary<Task, bool> running, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var idle = settings.IdlePollDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            await slots.WaitAsync(stoppingToken);
            var free = 1;
            while (free < DeliveryWork.MaxRows && slots.Wait(0))
            {
                free++;
            }

            var messages = await ReceiveAsync(free, settings, stoppingToken);
            if (free > messages.Length)
            {
                slots.Release(free - messages.Length);
            }

            foreach (var message in messages)
            {
                var task = ProcessAsync(message, slots, stoppingToken);
                running[task] = true;
                _ = task.ContinueWith(done => running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            if (messages.Length > 0)
            {
                idle = settings.IdlePollDelay;
                continue;
            }

            await wakeUp.WaitAsync(idle, stoppingToken);
            idle = idle * 2 > settings.MaxIdlePollDelay ? settings.MaxIdlePollDelay : idle * 2;
        }
    }

    private async Task<Azure.Storage.Queues.Models.QueueMessage[]> ReceiveAsync(int count, DeliveryOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            return await queue.ReceiveAsync(count, settings.VisibilityTimeout, stoppingToken);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogReceiveFailed(exception, settings.MaxIdlePollDelay);
            return [];
        }
    }

    private async Task ProcessAsync(Azure.Storage.Queues.Models.QueueMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await processor.ProcessAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message comes back after its visibility timeout; claimed rows wait for their lease to run out.
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogMessageDeferred(exception, message.MessageId);
        }
        catch (Exception exception)
        {
            LogMessageFailed(exception, message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The sweep's name in the <c>Leases</c> table.</summary>
    public const string SweepJob = "delivery-sweep";

    private Task SweepLoopAsync(CancellationToken stoppingToken) =>
        lease.RunEachPeriodAsync(SweepJob, options.Value.SweepInterval, sweep.SweepAsync, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery queue: storage unavailable; trying again within {Wait}")]
    private partial void LogReceiveFailed(Exception exception, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery queue message {MessageId}: storage unavailable; it comes back after its visibility timeout")]
    private partial void LogMessageDeferred(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery queue message {MessageId} failed; it comes back after its visibility timeout")]
    private partial void LogMessageFailed(Exception exception, string messageId);
}
