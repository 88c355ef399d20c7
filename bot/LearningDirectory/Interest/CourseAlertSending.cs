using LearningBot.LearningDirectory.Catalogue;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.LearningDirectory.Interest;

/// <summary>
/// Tells people about new sessions. The sessions this instance added are told at once, one after another, from the
/// queue <see cref="CourseDateAlerts"/> fills; every instance also sweeps the store's marks of sessions not yet announced
/// (<see cref="UnannouncedSessionEntity"/>) at start and every <see cref="LearningDirectoryOptions.AlertSweepInterval"/>,
/// so a session whose instance stopped, or whose storage failed, before its delivery started is still told. Telling a
/// session twice is harmless: its delivery is keyed by offer and session. A mark goes once its session has been told, or
/// cannot be any more; a mark younger than the interval is left to its own instance's queue.
/// </summary>
public sealed partial class CourseAlertSending(
    CourseDateAlerts alerts,
    CourseDirectoryStore directory,
    TimeProvider clock,
    IOptions<LearningDirectoryOptions> options,
    ILogger<CourseAlertSending> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepAsync(stoppingToken);
        await foreach (var (offer, session) in alerts.AddedAsync(stoppingToken))
        {
            await TellAsync(offer, session, stoppingToken);
        }

        await sweeping;
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.AlertSweepInterval;
        using var timer = new PeriodicTimer(every, clock);
        do
        {
            try
            {
                await SweepOnceAsync(every, stoppingToken);
            }
            catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
            {
                LogSweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Tells every session whose mark is older than <paramref name="minimumAge"/>, and clears the marks.</summary>
    public async Task SweepOnceAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - minimumAge;
        foreach (var mark in await directory.UnannouncedAsync(cancellationToken))
        {
            if (mark.Timestamp is { } written && written > before)
            {
                continue;
            }

            var stored = await directory.FindOfferAsync(mark.OfferId, cancellationToken);
            var session = stored?.Sessions.FirstOrDefault(s => s.SessionId == mark.SessionId);
            if (stored is null || session is null || stored.Offer.ToOffer().IsRetired || !session.ToSession().IsUpcoming(clock.GetUtcNow()))
            {
                await directory.AnnouncedAsync(mark.OfferId, mark.SessionId, cancellationToken);
                continue;
            }

            await TellAsync(stored.Offer.ToOffer(), session.ToSession(), cancellationToken);
        }
    }

    private async Task TellAsync(CourseOffer offer, CourseSession session, CancellationToken stoppingToken)
    {
        try
        {
            await alerts.TellAsync(offer, session, stoppingToken);
            await directory.AnnouncedAsync(offer.Id, session.Id, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The mark stays: the next sweep, on this instance or another, tells the session.
            LogFailed(exception, offer.Id, session.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell people about session {SessionId} of offer {OfferId} yet; the next sweep tries again")]
    private partial void LogFailed(Exception exception, string offerId, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sweep the sessions not yet announced; trying again at the next sweep")]
    private partial void LogSweepFailed(Exception exception);
}
