using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.Leads;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Outbox;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.Options;

namespace LearningBot.FeedbackSignals;

/// <summary>What one pass of the follow-up did.</summary>
public sealed record FollowUpPass(int DeliveriesStarted, int PassesDelivered, int Reminded, int HeadsTold, int LeadsBundled);

/// <summary>
/// Follows open alerts up, run by one instance at a time (a <see cref="PeriodicLease"/> each
/// <see cref="SignalAlertOptions.FollowUpInterval"/>): starts any delivery that was recorded but not started (the
/// alert's own, or a pass to another lead), reminds the leads asked once after
/// <see cref="SignalAlertOptions.RemindAfterWorkingDays"/> working days without an answer (the working days tickets
/// use), tells the head of the L&amp;D Support Team after as many again, and sends the weekly bundles. Each reminder is
/// claimed on the alert before it is sent, and every delivery is keyed by the alert, so each is sent once.
/// </summary>
public sealed class AlertFollowUp(
    SignalAlerts alerts,
    AlertStore store,
    LeadRegister leads,
    IDeliveries deliveries,
    SignalAlertCards cards,
    WeeklyAlertBundle bundle,
    OutboxDispatcher outbox,
    AnswerDeadline deadline,
    PeriodicLease lease,
    IOptions<SignalAlertOptions> options,
    IOptionsMonitor<RoleOptions> roles,
    TimeProvider clock,
    ILogger<AlertFollowUp> logger) : BackgroundService
{
    public const string JobName = "signal-alert-follow-up";
    public const string PassPurpose = "signal-alert-pass";
    public const string ReminderPurpose = "signal-alert-reminder";
    public const string HeadPurpose = "signal-alert-overdue";

    public const string ReminderNotice = "Reminder: no lead has answered this alert yet. Please take it, pass it to another lead, or say it is in hand or not a learning issue.";
    public const string HeadNotice = "No lead has answered this alert, even after a reminder. Please find a lead for it.";

    public async Task<FollowUpPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        int started = 0, passed = 0, reminded = 0, told = 0;
        foreach (var alert in await store.ListAsync(cancellationToken))
        {
            if (alert.Status != SignalAlert.NoLead && !alert.FirstDeliveryStarted)
            {
                await alerts.StartDeliveryAsync(alert, cancellationToken);
                started++;
            }

            passed += await DeliverPassesAsync(alert, cancellationToken);
            if (alert.Status != SignalAlert.Open)
            {
                continue;
            }

            reminded += await RemindAsync(alert, cancellationToken) ? 1 : 0;
            told += await TellHeadAsync(alert, cancellationToken) ? 1 : 0;
        }

        var bundled = await bundle.SendDueAsync(cancellationToken);
        return new FollowUpPass(started, passed, reminded, told, bundled);
    }

    /// <summary>Starts the delivery of every pass of the alert that has none yet (keyed by the alert and the new lead); how many.</summary>
    public async Task<int> DeliverPassesAsync(SignalAlert alert, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var pass in alert.PassList().Where(p => p.DeliveryId is null))
        {
            var from = await leads.FindAsync(pass.From, cancellationToken);
            var notice = $"{from?.Name ?? "Another lead"} passed this alert to you." + (pass.Note.Length > 0 ? $" Their note: {CardText.Literal(pass.Note)}" : string.Empty);
            var started = await StartAsync(PassPurpose, $"{alert.AlertId}|{pass.To}", cards.Alert(alert, notice: notice), alert, [pass.To], cancellationToken);
            await store.PassDeliveredAsync(alert.AlertId, pass.To, started.DeliveryId, cancellationToken);
            count++;
        }

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.FollowUpInterval == TimeSpan.Zero)
        {
            return;
        }

        await lease.RunEachPeriodAsync(JobName, options.Value.FollowUpInterval, async token =>
        {
            var pass = await RunOnceAsync(token);
            logger.LogInformation("Alert follow-up: {Started} deliveries started, {Passed} passes delivered, {Reminded} reminded, {Told} told to the head, {Bundled} weekly bundles",
                pass.DeliveriesStarted, pass.PassesDelivered, pass.Reminded, pass.HeadsTold, pass.LeadsBundled);
        }, stoppingToken);
    }

    /// <summary>Reminds the leads asked, once: claimed on the alert first, then the delivery started (again by the next pass if this one stopped between).</summary>
    private async Task<bool> RemindAsync(SignalAlert alert, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = deadline.Calendar.After(alert.RaisedAt, options.Value.RemindAfterWorkingDays);
        if (alert.RemindedAt is null && now >= due)
        {
            var claim = await store.ChangeAsync(alert.AlertId, current => current is { Status: SignalAlert.Open, RemindedAt: null }
                ? current with { RemindedAt = now, Version = current.Version + 1 }
                : null, cancellationToken);
            if (claim is not { Changed: true })
            {
                return false;
            }

            alert = claim.Entity;
        }

        if (alert.RemindedAt is null || alert.ReminderDeliveryId is not null)
        {
            return false;
        }

        var started = await StartAsync(ReminderPurpose, alert.AlertId, cards.Alert(alert, notice: ReminderNotice), alert, alert.AskedKeys(), cancellationToken);
        await store.ChangeAsync(alert.AlertId, current => current.ReminderDeliveryId is null ? current with { ReminderDeliveryId = started.DeliveryId } : null, cancellationToken);
        return true;
    }

    /// <summary>
    /// Tells the head of the L&amp;D Support Team of an alert still unanswered as many working days after its reminder;
    /// when nobody is configured as head, the L&amp;D channel is told instead.
    /// </summary>
    private async Task<bool> TellHeadAsync(SignalAlert alert, CancellationToken cancellationToken)
    {
        var heads = roles.CurrentValue.HeadOfSupportTeam.Where(key => !string.IsNullOrWhiteSpace(key)).Select(LeadEntry.Normalise).ToList();
        if (alert is { HeadToldAt: null, RemindedAt: { } reminded }
            && clock.GetUtcNow() >= deadline.Calendar.After(reminded, options.Value.RemindAfterWorkingDays))
        {
            if (!await store.ClaimHeadNoticeAsync(alert, toChannel: heads.Count == 0, cancellationToken))
            {
                return false;
            }

            if (heads.Count == 0)
            {
                await outbox.DeliverSoonAsync(SignalAlerts.AlertsTable, SignalAlert.Partition, cancellationToken);
                return true;
            }

            alert = (await alerts.FindAsync(alert.AlertId, cancellationToken))!;
        }

        if (alert.HeadToldAt is null || alert.HeadDeliveryId is not null || heads.Count == 0)
        {
            return false;
        }

        var started = await StartAsync(HeadPurpose, alert.AlertId, cards.Alert(alert, AlertForms.ReadOnly, HeadNotice), alert, heads, cancellationToken);
        await store.ChangeAsync(alert.AlertId, current => current.HeadDeliveryId is null ? current with { HeadDeliveryId = started.DeliveryId } : null, cancellationToken);
        return true;
    }

    private Task<DeliveryStarted> StartAsync(string purpose, string key, System.Text.Json.Nodes.JsonObject card, SignalAlert alert, IReadOnlyList<string> to, CancellationToken cancellationToken) =>
        deliveries.StartAsync(new DeliveryRequest(
            purpose,
            IdempotencyKey: key,
            SignalAlerts.RequestedBy,
            ProactiveMessenger.CardMessage(card) with { Summary = $"Feedback theme: {SignalThemes.LabelOf(alert.Theme)}" },
            [.. to.Select(person => DeliveryRecipient.Person(person, organisationKind: alert.OrganisationKind))]), cancellationToken);
}
