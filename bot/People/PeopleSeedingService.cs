using LearningBot.Storage;

namespace LearningBot.People;

/// <summary>Applies the CSV seed at start-up without holding the host up; the directory retries on first use if storage was down.</summary>
public sealed partial class PeopleSeedingService(TablePeopleDirectory directory, ILogger<PeopleSeedingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await directory.EnsureSeededAsync(stoppingToken);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogSeedDeferred(exception);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the seed finished; the next start seeds again.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not seed the people directory at start-up; it will try again on first use")]
    private partial void LogSeedDeferred(Exception exception);
}
