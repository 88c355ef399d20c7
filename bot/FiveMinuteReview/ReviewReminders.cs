using LearningBot.Connector.Hosting;
using LearningBot.People;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Once a day, reminds each manager of reviews due within a few days, and again once they are overdue: one reminder
/// of each kind per due date, claimed in storage before it is sent so a restart or a second instance never repeats it.
/// One instance runs each day's pass (a <see cref="PeriodicLease"/> on the day, UTC); if it stops half way, another
/// takes the day over.
/// </summary>
public sealed class ReviewReminders(
    ReviewStore store,
    ReviewTeamView team,
    IPeopleDirectory people,
    ProactiveMessenger messenger,
    PeriodicLease lease,
    TimeProvider clock,
    IOptions<ReviewOptions> options,
    ILogger<ReviewReminders> logger) : BackgroundService
{
    /// <summary>One pass: returns how many managers were sent a reminder.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = ReviewDates.Today(clock);
        var claimed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in store.QueryDueAsync(today.AddDays(options.Value.DueSoonDays), cancellationToken))
        {
            if (await ClaimAsync(row, today, cancellationToken) is { } line)
            {
                (claimed.TryGetValue(row.ManagerId, out var lines) ? lines : claimed[row.ManagerId] = []).Add(line);
            }
        }

        var sent = 0;
        foreach (var (managerId, lines) in claimed)
        {
            var note = "Reminder: " + string.Join(" ", lines);
            var card = await team.RenderAsync(managerId, note, cancellationToken);
            if (await messenger.SendCardToPersonAsync(managerId, card, cancellationToken) is null)
            {
                logger.LogInformation("Manager {ManagerId} has reviews due but cannot be reached in Teams", managerId);
                continue;
            }

            sent++;
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RemindersEnabled)
        {
            return;
        }

        await lease.RunEachPeriodAsync(JobName, options.Value.ReminderInterval, RunPassAsync, stoppingToken);
    }

    /// <summary>The job's name in the <c>Leases</c> table.</summary>
    public const string JobName = "review-reminders";

    private async Task RunPassAsync(CancellationToken stoppingToken)
    {
        var sent = await RunOnceAsync(stoppingToken);
        logger.LogInformation("Review reminders sent to {ManagerCount} managers", sent);
    }

    /// <summary>The reminder line for this person, if this call won the claim for it.</summary>
    private async Task<string?> ClaimAsync(PersonIndexEntity row, DateTimeOffset today, CancellationToken cancellationToken)
    {
        if (row.NextReviewDue is not { } due)
        {
            return null;
        }

        var day = ReviewDates.Day(due);
        var overdue = due < today;
        var claim = overdue
            ? (row.OverdueReminderFor == day ? null : row with { OverdueReminderFor = day })
            : (row.DueReminderFor == day ? null : row with { DueReminderFor = day });
        if (claim is null || !await people.IsManagerOfAsync(row.ManagerId, row.PersonId, cancellationToken)
            || !await store.TryClaimReminderAsync(row, claim, cancellationToken))
        {
            return null;
        }

        return overdue
            ? $"{row.PersonName}'s review is overdue (it was due on {ReviewDates.InWords(due)})."
            : $"{row.PersonName}'s review is due on {ReviewDates.InWords(due)}.";
    }
}
