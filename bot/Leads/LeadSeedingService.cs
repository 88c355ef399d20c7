using LearningBot.Storage;

namespace LearningBot.Leads;

/// <summary>
/// Applies the who's-who seed in the background once the bot has started, trying again while storage is unavailable;
/// the register also seeds on first use if a turn gets there first.
/// </summary>
public sealed partial class LeadSeedingService(LeadRegister register, TimeProvider clock, ILogger<LeadSeedingService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StorageRetry.UntilDoneAsync(register.EnsureSeededAsync, (exception, wait) => LogSeedDeferred(exception, wait), clock, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seed the register of leads; trying again in {Interval}")]
    private partial void LogSeedDeferred(Exception exception, TimeSpan interval);
}
