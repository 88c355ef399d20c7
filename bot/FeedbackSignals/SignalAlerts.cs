using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.Leads;
using LearningBot.Outbox;
using LearningBot.Privacy;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Themes and alerts: an accepted signal counts into its theme (once, by id, with optimistic concurrency); when the theme
/// crosses the alert rule, one alert is recorded and one delivery (keyed by the alert id) takes it to the matching leads,
/// or, when there are none, the outbox posts it in the L&amp;D channel for the L&amp;D Support Team.
/// </summary>
public sealed class SignalAlerts(
    TableStorage tables,
    LeadRegister leads,
    IDeliveries deliveries,
    SignalAlertCards cards,
    OutboxDispatcher outbox,
    IOptions<SignalAlertOptions> options,
    TimeProvider clock)
{
    public const string ThemesTable = "SignalThemes";
    public const string AlertsTable = "SignalAlerts";
    public const string Purpose = "signal-alert";
    public const string RequestedBy = "feedback-signals";

    private readonly LazyTable _themes = tables.Table(ThemesTable);
    private readonly LazyTable _alerts = tables.Table(AlertsTable);

    /// <summary>Counts an accepted signal into its theme (a second call for it counts nothing) and raises the theme's alert when owed.</summary>
    public async Task<ThemeTally> CountAsync(FeedbackSignal signal, CancellationToken cancellationToken)
    {
        var table = await _themes.GetAsync(cancellationToken);
        var empty = ThemeTally.For(signal);
        try
        {
            await table.AddEntityAsync(empty, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            // Counted into before: the change below adds to it.
        }

        var now = clock.GetUtcNow();
        var change = await table.ChangeAsync<ThemeTally>(empty.PartitionKey, empty.RowKey, current =>
        {
            var counted = current.WithCounted(signal);
            return ReferenceEquals(counted, current)
                ? new EntityDecision<ThemeTally>.Keep()
                : new EntityDecision<ThemeTally>.Write(counted.WithAlertState(options.Value, now));
        }, cancellationToken: cancellationToken);
        var theme = change!.Entity;
        if (theme is { InAlert: true, AlertId: not null })
        {
            await RaiseAsync(theme, cancellationToken);
        }

        return theme;
    }

    public async Task<ThemeTally?> FindThemeAsync(string theme, string serviceArea, string organisationKind, CancellationToken cancellationToken)
    {
        var table = await _themes.GetAsync(cancellationToken);
        return await table.FindAsync<ThemeTally>(ThemeTally.Partition, TableKeys.Encode($"{theme}|{serviceArea}|{organisationKind}"), cancellationToken: cancellationToken);
    }

    public async Task<SignalAlert?> FindAsync(string alertId, CancellationToken cancellationToken)
    {
        var table = await _alerts.GetAsync(cancellationToken);
        return await table.FindAsync<SignalAlert>(SignalAlert.Partition, alertId, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Records the crossing's alert unless it is recorded already, and starts its delivery unless that has started: both
    /// keyed by the alert id, so a repeated accept, or two instances at once, raise it once.
    /// </summary>
    private async Task RaiseAsync(ThemeTally theme, CancellationToken cancellationToken)
    {
        var table = await _alerts.GetAsync(cancellationToken);
        var alert = await table.FindAsync<SignalAlert>(SignalAlert.Partition, theme.AlertId!, cancellationToken: cancellationToken);
        if (alert is null)
        {
            var recipients = await RecipientsAsync(theme, cancellationToken);
            alert = SignalAlert.Raise(theme, options.Value, [.. recipients.Select(r => r.Key)], clock.GetUtcNow());
            alert = await AddAsync(table, alert, cancellationToken);
        }

        await StartDeliveryAsync(alert, cancellationToken);
    }

    /// <summary>
    /// Starts the alert's delivery to its recipients who want alerts straight away (leads who chose weekly get it in the
    /// week's bundle) unless it has started, and records that it has. Keyed by the alert id, so starting twice sends once.
    /// </summary>
    public async Task StartDeliveryAsync(SignalAlert alert, CancellationToken cancellationToken)
    {
        if (alert.Status == SignalAlert.NoLead || alert.FirstDeliveryStarted)
        {
            return;
        }

        var register = await leads.ListAsync(cancellationToken);
        var weekly = register.Where(lead => lead.AlertPreference == AlertPreferences.Weekly).Select(lead => lead.PersonKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var now = alert.RecipientKeys().Where(key => !weekly.Contains(key)).ToList();
        string? deliveryId = null;
        if (now.Count > 0)
        {
            var request = new DeliveryRequest(
                Purpose,
                IdempotencyKey: alert.AlertId,
                RequestedBy,
                ProactiveMessenger.CardMessage(cards.Alert(alert)) with { Summary = $"Feedback theme: {SignalThemes.LabelOf(alert.Theme)}" },
                [.. now.Select(key => DeliveryRecipient.Person(key, organisationKind: alert.OrganisationKind))]);
            deliveryId = (await deliveries.StartAsync(request, cancellationToken)).DeliveryId;
        }

        var table = await _alerts.GetAsync(cancellationToken);
        var startedAt = clock.GetUtcNow();
        await table.ChangeAsync<SignalAlert>(alert.PartitionKey, alert.RowKey, current => current.FirstDeliveryStarted
            ? new EntityDecision<SignalAlert>.Keep()
            : new EntityDecision<SignalAlert>.Write(current with { DeliveryId = deliveryId, DeliveryStartedAt = startedAt }), cancellationToken: cancellationToken);
    }

    /// <summary>Adds the alert, with the channel post it owes when nobody was found; the one stored when it was there already.</summary>
    private async Task<SignalAlert> AddAsync(TableClient table, SignalAlert alert, CancellationToken cancellationToken)
    {
        List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, alert)];
        if (alert.Status == SignalAlert.NoLead)
        {
            var message = AlertChannelPurpose.NoLead.Message(alert);
            actions.Add(new(TableTransactionActionType.Add, message.ToEntity(
                alert.PartitionKey, string.Create(CultureInfo.InvariantCulture, $"{alert.AlertId}-{alert.Version:D6}-{message.Name}"), clock.GetUtcNow())));
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException exception) when (exception.IsAlreadyExists())
        {
            return await table.FindAsync<SignalAlert>(alert.PartitionKey, alert.RowKey, cancellationToken: cancellationToken) ?? alert;
        }

        if (alert.Status == SignalAlert.NoLead)
        {
            await outbox.DeliverSoonAsync(AlertsTable, SignalAlert.Partition, cancellationToken);
        }

        return alert;
    }

    /// <summary>
    /// Active leads of the theme's kind of organisation whose specialties include the theme, and that kind's L&amp;D
    /// leads; nobody else.
    /// </summary>
    private Task<IReadOnlyList<DeliveryRecipient>> RecipientsAsync(ThemeTally theme, CancellationToken cancellationToken) =>
        LeadsForAsync(theme.Theme, theme.OrganisationKind, cancellationToken);

    /// <summary>The matching rule, shared with compliments' recognition: active leads of the kind whose specialties include the theme, and the kind's L&amp;D leads.</summary>
    public async Task<IReadOnlyList<DeliveryRecipient>> LeadsForAsync(string theme, string organisationKind, CancellationToken cancellationToken) =>
    [
        .. (await leads.ListAsync(cancellationToken))
            .Where(lead => !lead.Retired && lead.OrganisationKind == organisationKind
                && (lead.IsLearningLead || lead.SpecialtyIds().Contains(theme)))
            .Select(lead => DeliveryRecipient.Person(lead.PersonKey, organisationKind: lead.OrganisationKind))
            .DistinctBy(recipient => recipient.Key),
    ];

    /// <summary>
    /// A recipient's answer: applied only while the alert is open, with optimistic concurrency, so of two leads pressing
    /// "I'll take this" at once one becomes the owner. Null when there is no such alert.
    /// </summary>
    public async Task<EntityChange<SignalAlert>?> AnswerAsync(string alertId, string personKey, string status, ScrubbedText answer, CancellationToken cancellationToken)
    {
        var table = await _alerts.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await table.ChangeAsync<SignalAlert>(SignalAlert.Partition, alertId, current => current.Status == SignalAlert.Open
            ? new EntityDecision<SignalAlert>.Write(current.Answered(status, personKey, answer, now) with { Version = current.Version + 1 })
            : new EntityDecision<SignalAlert>.Keep(), cancellationToken: cancellationToken);
    }
}
