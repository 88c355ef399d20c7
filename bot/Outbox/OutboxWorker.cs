using System.Collections.Concurrent;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.Options;

namespace LearningBot.Outbox;

/// <summary>
/// Delivers the outbox in the background: each kick (a commit just wrote rows) at once, a few partitions at a time, and
/// every <c>Outbox:ScanInterval</c> a scan of every outbox table for rows that are due (retries, and rows whose kick was
/// lost to a restart), made by one instance per interval (a <see cref="PeriodicLease"/>). Starts without touching
/// storage, so a storage outage never holds up the bot's start.
/// </summary>
public sealed partial class OutboxWorker(
    OutboxDelivery delivery,
    IOutboxSignal signal,
    PeriodicLease lease,
    IOptions<OutboxOptions> options,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private const int Parallel = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scanning = ScanLoopAsync(stoppingToken);
        var running = new ConcurrentDictionary<Task, bool>();
        using var slots = new SemaphoreSlim(Parallel);
        try
        {
            await foreach (var kick in signal.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                var task = DeliverAsync(kick, slots, stoppingToken);
                running[task] = true;
                _ = task.ContinueWith(done => running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await Task.WhenAll(running.Keys);
        await scanning;
    }

    private async Task DeliverAsync(OutboxKick kick, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        IReadOnlyList<OutboxReport> reports = [];
        try
        {
            reports = kick.Committed.Count > 0
                ? await delivery.DeliverCommittedAsync(kick.Table, kick.Committed, stoppingToken)
                : await delivery.DeliverPartitionAsync(kick.Table, kick.PartitionKey, kick.Force, stoppingToken);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogKickDeferred(exception, kick.Table);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the rows stay pending for the next start.
        }
        catch (Exception exception)
        {
            LogKickFailed(exception, kick.Table);
        }
        finally
        {
            kick.Complete(reports);
            slots.Release();
        }
    }

    /// <summary>The periodic scan's name in the <c>Leases</c> table.</summary>
    public const string ScanJob = "outbox-scan";

    private Task ScanLoopAsync(CancellationToken stoppingToken) =>
        lease.RunEachPeriodAsync(ScanJob, options.Value.ScanInterval, delivery.ScanAsync, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Table}: storage unavailable; the periodic scan will deliver")]
    private partial void LogKickDeferred(Exception exception, string table);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Table}: delivery failed; the periodic scan will try again")]
    private partial void LogKickFailed(Exception exception, string table);
}
