namespace LearningBot.LearningDirectory.Interest;

/// <summary>
/// Tells people about the sessions <see cref="CourseDateAlerts"/> queued, one after another, trying a session again a
/// few times when storage fails. A session still untold when the instance stops is not told (the directory keeps it).
/// </summary>
public sealed partial class CourseAlertSending(CourseDateAlerts alerts, TimeProvider clock, ILogger<CourseAlertSending> logger) : BackgroundService
{
    private const int Attempts = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (offer, session) in alerts.AddedAsync(stoppingToken))
        {
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                try
                {
                    await alerts.TellAsync(offer, session, stoppingToken);
                    break;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(exception, offer.Id, session.Id, attempt);
                    if (attempt < Attempts)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2 * attempt), clock, stoppingToken);
                    }
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell people about session {SessionId} of offer {OfferId} (attempt {Attempt})")]
    private partial void LogFailed(Exception exception, string offerId, string sessionId, int attempt);
}
