using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.Leads;
using LearningBot.OneStopShop.Escalation;
using Microsoft.Extensions.Options;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Leads who chose weekly alerts get no alert card at once; at <see cref="SignalAlertOptions.WeeklyDay"/> and
/// <see cref="SignalAlertOptions.WeeklyTime"/> (UK time) each gets one card listing the open alerts raised for them
/// in the week before, each with a button that brings its alert card. One delivery per lead and week (keyed by both),
/// and the week marked done once all are started.
/// </summary>
public sealed class WeeklyAlertBundle(
    AlertStore store,
    LeadRegister leads,
    IDeliveries deliveries,
    CardCatalog cards,
    AnswerDeadline deadline,
    IOptions<SignalAlertOptions> options,
    TimeProvider clock)
{
    public const string Purpose = "signal-alert-bundle";

    /// <summary>Sends the latest week's bundles unless they were sent; how many leads were sent one.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var (moment, week) = deadline.Calendar.LatestWeekly(clock.GetUtcNow(), options.Value.WeeklyDay, options.Value.WeeklyTime);
        if (await store.BundledAsync(week, cancellationToken))
        {
            return 0;
        }

        var open = (await store.ListAsync(cancellationToken))
            .Where(a => a.Status == SignalAlert.Open && a.RaisedAt > moment.AddDays(-7) && a.RaisedAt <= moment)
            .OrderByDescending(a => a.Urgent).ThenBy(a => a.RaisedAt)
            .ToList();
        var sent = 0;
        foreach (var lead in (await leads.ListAsync(cancellationToken)).Where(l => !l.Retired && l.AlertPreference == AlertPreferences.Weekly))
        {
            var theirs = open.Where(a => a.IsRecipient(lead.PersonKey)).ToList();
            if (theirs.Count == 0)
            {
                continue;
            }

            await deliveries.StartAsync(new DeliveryRequest(
                Purpose,
                IdempotencyKey: $"{lead.PersonKey}|{week}",
                SignalAlerts.RequestedBy,
                ProactiveMessenger.CardMessage(cards.Render(WeeklyBundleCardData.For(theirs))) with { Summary = "Your feedback theme alerts this week" },
                [DeliveryRecipient.Person(lead.PersonKey, organisationKind: lead.OrganisationKind)]), cancellationToken);
            sent++;
        }

        await store.MarkBundledAsync(week, sent, cancellationToken);
        return sent;
    }
}

/// <summary>One alert in the weekly bundle: counts only as bands.</summary>
public sealed record BundledAlert(string AlertId, string Theme, string ServiceArea, string OrganisationKind, string Concerns, bool Urgent)
{
    public static BundledAlert Of(SignalAlert alert) => new(
        alert.AlertId,
        SignalThemes.LabelOf(alert.Theme),
        SignalChoices.ServiceAreas.TitleOf(alert.ServiceArea),
        SignalChoices.OrganisationKinds.TitleOf(alert.OrganisationKind),
        CountBands.InWords(alert.Concerns),
        alert.Urgent);
}

/// <summary>The weekly bundle card: how many alerts, the first <see cref="MostShown"/>, and how many more.</summary>
public sealed record WeeklyBundleCardData(string Count, IReadOnlyList<BundledAlert> Alerts, string More) : ICardData
{
    public const int MostShown = 20;

    public static string CardName => "signal-alert-bundle";

    public static WeeklyBundleCardData For(IReadOnlyList<SignalAlert> alerts) => new(
        alerts.Count == 1 ? "1 alert" : $"{alerts.Count} alerts",
        [.. alerts.Take(MostShown).Select(BundledAlert.Of)],
        alerts.Count > MostShown ? $"And {alerts.Count - MostShown} more: ask the L&D Support Team for the full list." : string.Empty);
}
