using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.Leads;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Records what was done about an alert's theme and tells the liaison staff who logged the theme's signals: distinct
/// people, each in their own chat, in one delivery keyed by the alert id, so recording again never tells them twice.
/// </summary>
public sealed class YouSaidWeDidLoop(
    YouSaidWeDidStore store, SignalAlerts alerts, FeedbackSignalStore signals, IDeliveries deliveries, CardCatalog cards)
{
    public const string Purpose = "you-said-we-did";

    public Task<YouSaidWeDid?> FindAsync(string alertId, CancellationToken cancellationToken) => store.FindAsync(alertId, cancellationToken);

    public async Task<YouSaidWeDid> RecordAsync(SignalAlert alert, ScrubbedText whatWasDone, string month, ScrubbedText link, string lead, CancellationToken cancellationToken)
    {
        var record = await store.RecordAsync(alert, whatWasDone, month, link, lead, cancellationToken);
        if (record.DeliveryId is null)
        {
            await TellLiaisonStaffAsync(record, cancellationToken);
        }

        return record;
    }

    private async Task TellLiaisonStaffAsync(YouSaidWeDid record, CancellationToken cancellationToken)
    {
        var loggedBy = await LoggedByAsync(record, cancellationToken);
        if (loggedBy.Count == 0)
        {
            return;
        }

        var request = new DeliveryRequest(
            Purpose,
            IdempotencyKey: record.AlertId,
            SignalAlerts.RequestedBy,
            ProactiveMessenger.CardMessage(cards.Render(YouSaidWeDidCardData.Of(record))) with { Summary = $"You said, we did: {SignalThemes.LabelOf(record.Theme)}" },
            [.. loggedBy.Select(key => DeliveryRecipient.Person(key, organisationKind: record.OrganisationKind))]);
        var started = await deliveries.StartAsync(request, cancellationToken);
        await store.NoteDeliveryAsync(record.AlertId, started.DeliveryId, cancellationToken);
    }

    /// <summary>The people who logged the signals the theme counted, each once.</summary>
    private async Task<IReadOnlyList<string>> LoggedByAsync(YouSaidWeDid record, CancellationToken cancellationToken)
    {
        var theme = await alerts.FindThemeAsync(record.Theme, record.ServiceArea, record.OrganisationKind, cancellationToken);
        var found = await Task.WhenAll((theme?.Signals() ?? []).Select(s => signals.FindAsync(s.Id, cancellationToken)));
        return [.. found.Select(signal => signal?.LoggedBy).OfType<string>().Where(key => key.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}

/// <summary>Data for <c>you-said-we-did</c>: what was done about a theme, for the liaison staff who passed it on.</summary>
public sealed record YouSaidWeDidCardData(
    string Theme,
    string ServiceArea,
    string OrganisationKind,
    string WhatWasDone,
    string Month,
    string Link) : ICardData
{
    public static string CardName => "you-said-we-did";

    public static YouSaidWeDidCardData Of(YouSaidWeDid record) => new(
        SignalThemes.LabelOf(record.Theme),
        SignalChoices.ServiceAreas.TitleOf(record.ServiceArea),
        SignalChoices.OrganisationKinds.TitleOf(record.OrganisationKind),
        CardText.Literal(record.Shown().Done),
        YouSaidWeDidFeature.MonthInWords(record.Month),
        CardText.Literal(record.Shown().Link));
}
