using LearningBot.Storage;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>Loads the sample offers in the background once the bot has started, trying again while storage is unavailable.</summary>
public sealed partial class SampleSeedingService(SampleOfferSeeder seeder, TimeProvider clock, ILogger<SampleSeedingService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StorageRetry.UntilDoneAsync(seeder.SeedAsync, (exception, wait) => LogSeedDeferred(exception, wait), clock, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the learning directory's sample offers; trying again in {Interval}")]
    private partial void LogSeedDeferred(Exception exception, TimeSpan interval);
}
