using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.Leads;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.Options;

namespace LearningBot.GoodPractice.LeadNotices;

/// <summary>
/// At <see cref="GoodPracticeOptions.WeeklyDay"/> and <see cref="GoodPracticeOptions.WeeklyTime"/> (UK time) each lead
/// who chose weekly alerts gets one card with up to <see cref="MostShown"/> of the examples waiting for them, most
/// relevant first as they now rank (an example that stopped mattering to them, or is no longer approved, is withheld).
/// One delivery per lead and week (keyed by both); the notices are marked sent and the week done, and the job runs on
/// one instance at a time (a <see cref="PeriodicLease"/>), so the bundle goes once a week however many instances run.
/// </summary>
public sealed class WeeklyPracticeBundle(
    LeadNoticeStore notices,
    GoodPracticeStore examples,
    LeadRegister leads,
    IDeliveries deliveries,
    PracticeAlertCards cards,
    AnswerDeadline deadline,
    PeriodicLease lease,
    IOptions<GoodPracticeOptions> options,
    TimeProvider clock,
    ILogger<WeeklyPracticeBundle> logger) : BackgroundService
{
    public const string JobName = "good-practice-bundles";
    public const string Purpose = "good-practice-bundle";
    public const int MostShown = 5;

    /// <summary>Sends the latest week's bundles unless the week is done; how many leads were sent one.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var (moment, week) = deadline.Calendar.LatestWeekly(clock.GetUtcNow(), options.Value.WeeklyDay, options.Value.WeeklyTime);
        if (await notices.WeekDoneAsync(week, cancellationToken))
        {
            return 0;
        }

        var lessWanted = await notices.LessWantedByLeadAsync(cancellationToken);
        var sent = 0;
        foreach (var lead in (await leads.ListAsync(cancellationToken)).Where(l => !l.Retired && l.AlertPreference == AlertPreferences.Weekly))
        {
            var interest = LeadInterest.Of(lead, lessWanted.GetValueOrDefault(lead.RowKey));
            sent += await SendBundleAsync(lead, interest, week, moment, cancellationToken) ? 1 : 0;
        }

        await notices.MarkWeekDoneAsync(week, sent, cancellationToken);
        return sent;
    }

    /// <summary>One week's run on whichever instance claims the period first; null when another instance has it.</summary>
    public async Task<int?> RunPeriodAsync(CancellationToken cancellationToken)
    {
        if (await lease.TryClaimAsync(JobName, Period, cancellationToken) is not { } claim)
        {
            return null;
        }

        var sent = await SendDueAsync(cancellationToken);
        await lease.CompleteAsync(claim, cancellationToken);
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.BundleCheckInterval == TimeSpan.Zero)
        {
            return;
        }

        await lease.RunEachPeriodAsync(JobName, Period, async token =>
        {
            var sent = await SendDueAsync(token);
            logger.LogInformation("Good-practice bundles: {Sent} leads sent this week's", sent);
        }, stoppingToken);
    }

    private TimeSpan Period => options.Value.BundleCheckInterval > TimeSpan.Zero ? options.Value.BundleCheckInterval : TimeSpan.FromMinutes(30);

    private async Task<bool> SendBundleAsync(LeadEntry lead, LeadInterest interest, string week, DateTimeOffset moment, CancellationToken cancellationToken)
    {
        var ranked = new List<(GoodPracticeExample Example, LeadNotice Notice)>();
        foreach (var notice in (await notices.OfAsync(lead.PersonKey, cancellationToken)).Where(n => n.Waiting && n.NotifiedAt <= moment))
        {
            var example = await examples.FindAsync(notice.ExampleId, cancellationToken);
            var score = example is { Status: ExampleStatus.Approved } ? ExampleRelevance.Score(PracticeTraits.Of(example), interest) : 0;
            if (score <= 0)
            {
                await MarkAsync(lead, notice.ExampleId, current => current with { Withheld = true }, cancellationToken);
                continue;
            }

            ranked.Add((example!, notice with { Score = score }));
        }

        var shown = ranked.OrderByDescending(r => r.Notice.Score).ThenBy(r => r.Example.Id, StringComparer.Ordinal).Take(MostShown).ToList();
        if (shown.Count == 0)
        {
            return false;
        }

        await deliveries.StartAsync(new DeliveryRequest(
            Purpose,
            IdempotencyKey: $"{lead.PersonKey}|{week}",
            LeadNotifier.RequestedBy,
            ProactiveMessenger.CardMessage(cards.Alert(week, shown)) with { Summary = "Good practice for you this week" },
            [DeliveryRecipient.Person(lead.PersonKey, organisationKind: lead.OrganisationKind)]), cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (example, notice) in shown)
        {
            await MarkAsync(lead, example.Id, current => current with { SentAt = now, SentIn = week, Score = notice.Score }, cancellationToken);
        }

        return true;
    }

    private Task MarkAsync(LeadEntry lead, string exampleId, Func<LeadNotice, LeadNotice> change, CancellationToken cancellationToken) =>
        notices.ChangeAsync(lead.PersonKey, exampleId, current => current.Waiting
            ? new EntityDecision<LeadNotice>.Write(change(current))
            : new EntityDecision<LeadNotice>.Keep(), cancellationToken);
}
