using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.Leads;
using LearningBot.Storage;

namespace LearningBot.GoodPractice.LeadNotices;

/// <summary>
/// Tells the leads an approved example matters to: one notice per lead and example (added only if absent, so a lead never
/// hears of it twice), sent at once to leads who chose that, through the delivery engine (one delivery per lead and
/// example); leads who chose weekly alerts get it in their next bundle (<see cref="WeeklyPracticeBundle"/>).
/// </summary>
public sealed class LeadNotifier(
    LeadRegister leads,
    LeadNoticeStore notices,
    IDeliveries deliveries,
    PracticeAlertCards cards,
    TimeProvider clock)
{
    public const string StraightAwayPurpose = "good-practice-alert";
    public const string RequestedBy = "good-practice";

    /// <summary>Records who hears of the example and sends the straight-away cards not yet sent; how many leads hear of it.</summary>
    public async Task<int> NotifyAsync(GoodPracticeExample example, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (example.Status != ExampleStatus.Approved)
        {
            return 0;
        }

        var lessWanted = await notices.LessWantedByLeadAsync(cancellationToken);
        var traits = PracticeTraits.Of(example);
        var told = 0;
        foreach (var lead in await leads.ListAsync(cancellationToken))
        {
            var score = ExampleRelevance.Score(traits, LeadInterest.Of(lead, lessWanted.GetValueOrDefault(lead.RowKey)));
            if (score <= 0 || LeadEntry.Normalise(example.ContributorKey) == lead.PersonKey)
            {
                continue;
            }

            await notices.AddIfAbsentAsync(LeadNotice.For(lead, example.Id, score, clock.GetUtcNow()), cancellationToken);
            told++;
            if (lead.AlertPreference == AlertPreferences.StraightAway
                && await notices.FindAsync(lead.PersonKey, example.Id, cancellationToken) is { Waiting: true } notice)
            {
                await SendNowAsync(lead, example, notice, cancellationToken);
            }
        }

        return told;
    }

    private async Task SendNowAsync(LeadEntry lead, GoodPracticeExample example, LeadNotice notice, CancellationToken cancellationToken)
    {
        await deliveries.StartAsync(new DeliveryRequest(
            StraightAwayPurpose,
            IdempotencyKey: $"{lead.PersonKey}|{example.Id}",
            RequestedBy,
            ProactiveMessenger.CardMessage(cards.Alert(LeadNotice.StraightAway, [(example, notice)])) with { Summary = "Good practice for you" },
            [DeliveryRecipient.Person(lead.PersonKey, organisationKind: lead.OrganisationKind)]), cancellationToken);
        var now = clock.GetUtcNow();
        await notices.ChangeAsync(lead.PersonKey, example.Id, current => current.Waiting
            ? new EntityDecision<LeadNotice>.Write(current with { SentAt = now, SentIn = LeadNotice.StraightAway })
            : new EntityDecision<LeadNotice>.Keep(), cancellationToken);
    }
}
