using LearningBot.Storage;

namespace LearningBot.People;

/// <summary>
/// Applies the CSV seed in the background once the bot has started, trying again while storage is unavailable; the
/// directory also seeds on first use if a turn gets there first.
/// </summary>
public sealed partial class PeopleSeedingService(TablePeopleDirectory directory, TimeProvider clock, ILogger<PeopleSeedingService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StorageRetry.UntilDoneAsync(directory.EnsureSeededAsync, (exception, wait) => LogSeedDeferred(exception, wait), clock, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seed the people directory; trying again in {Interval}")]
    private partial void LogSeedDeferred(Exception exception, TimeSpan interval);
}
