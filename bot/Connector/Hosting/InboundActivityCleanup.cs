using LearningBot.Storage;
using LearningBot.Storage.Leases;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Every ten minutes, on one instance (a <see cref="PeriodicLease"/>), deletes the inbound claims past their retention;
/// at shutdown, waits for the invoke responses still being stored on their claims.
/// </summary>
public sealed partial class InboundActivityCleanup(
    InboundActivityClaims claims,
    PeriodicLease lease,
    ILogger<InboundActivityCleanup> logger) : BackgroundService
{
    /// <summary>The job's name in the <c>Leases</c> table.</summary>
    public const string JobName = "inbound-activities-cleanup";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lease.RunEachPeriodAsync(JobName, InboundActivityClaims.Bucket, CleanUpAsync, stoppingToken);

    /// <summary>Stops the cleanup, then lets the invoke responses still being stored finish (within the host's shutdown time).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await claims.DrainAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogResponsesNotStored();
        }
    }

    private async Task CleanUpAsync(CancellationToken stoppingToken) =>
        LogDeleted(await claims.DeleteExpiredAsync(stoppingToken));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shut down before every invoke response was stored for redeliveries")]
    private partial void LogResponsesNotStored();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired inbound activity claims")]
    private partial void LogDeleted(int count);
}
