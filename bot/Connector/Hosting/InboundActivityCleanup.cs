using LearningBot.Storage;
using LearningBot.Storage.Leases;

namespace LearningBot.Connector.Hosting;

/// <summary>Every ten minutes, on one instance (a <see cref="PeriodicLease"/>), deletes the inbound claims past their retention.</summary>
public sealed partial class InboundActivityCleanup(
    InboundActivityClaims claims,
    PeriodicLease lease,
    ILogger<InboundActivityCleanup> logger) : BackgroundService
{
    /// <summary>The job's name in the <c>Leases</c> table.</summary>
    public const string JobName = "inbound-activities-cleanup";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lease.RunEachPeriodAsync(JobName, InboundActivityClaims.Bucket, CleanUpAsync, stoppingToken);

    private async Task CleanUpAsync(CancellationToken stoppingToken)
    {
        try
        {
            LogDeleted(await claims.DeleteExpiredAsync(stoppingToken));
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogDeferred(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired inbound activity claims")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound activity claims could not be cleaned up (storage); the next period tries again")]
    private partial void LogDeferred(Exception exception);
}
