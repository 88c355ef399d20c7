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

    private async Task CleanUpAsync(CancellationToken stoppingToken) =>
        LogDeleted(await claims.DeleteExpiredAsync(stoppingToken));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired inbound activity claims")]
    private partial void LogDeleted(int count);
}
