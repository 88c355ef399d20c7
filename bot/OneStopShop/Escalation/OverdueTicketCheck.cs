using LearningBot.Storage.Leases;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Every <see cref="EscalationOptions.OverdueCheckInterval"/>, flags tickets past their promised answer time: once per
/// interval across all instances (a <see cref="PeriodicLease"/>).
/// </summary>
public sealed class OverdueTicketCheck(
    TicketWorkflow workflow,
    PeriodicLease lease,
    IOptions<EscalationOptions> options,
    ILogger<OverdueTicketCheck> logger) : BackgroundService
{
    /// <summary>One pass: returns how many tickets became overdue.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => workflow.FlagOverdueAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.OverdueCheckInterval;
        if (interval <= TimeSpan.Zero)
        {
            logger.LogInformation("The overdue ticket check is off");
            return;
        }

        await lease.RunEachPeriodAsync(JobName, interval, async cancellationToken =>
        {
            var flagged = await RunOnceAsync(cancellationToken);
            if (flagged > 0)
            {
                logger.LogInformation("Flagged {TicketCount} overdue tickets", flagged);
            }
        }, stoppingToken);
    }

    /// <summary>The job's name in the <c>Leases</c> table.</summary>
    public const string JobName = "overdue-tickets";
}
