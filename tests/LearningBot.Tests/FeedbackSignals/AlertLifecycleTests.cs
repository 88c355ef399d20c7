using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.FeedbackSignals;
using LearningBot.Leads;
using LearningBot.Privacy;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// What happens to an alert after it is raised, through the real pipeline with the clock standing still on Wednesday
/// 2 December 2026, 14:30 UK time until a test moves it: passing it to another lead, reminders after 3 working days and
/// then the head of the L&amp;D Support Team, and the scan that starts a delivery that did not start.
/// Each test uses a service area of its own, so its alert is its own; the follow-up looks at every alert, so
/// deliveries are read by their alert.
/// </summary>
public sealed class AlertLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson Ada = new("29:ada-lead", "b1b2c3d4-0000-4000-8000-00000000b001", "Ada Lead");
    private static readonly TestPerson Ben = new("29:ben-lead", "b1b2c3d4-0000-4000-8000-00000000b002", "Ben Lead");
    private static readonly TestPerson Wes = new("29:wes-lead", "b1b2c3d4-0000-4000-8000-00000000b003", "Wes Lead");
    private static readonly TestPerson Cat = new("29:cat-lead", "b1b2c3d4-0000-4000-8000-00000000b004", "Cat Lead");
    private static readonly TestPerson Head = new("29:hal-head", "b1b2c3d4-0000-4000-8000-00000000b005", "Hal Head");

    private readonly InMemoryDeliveries _deliveries = new();
    private SignalHarness _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await SignalHarness.StartAsync(azurite, services => services.AddSingleton<IDeliveries>(_deliveries), new Dictionary<string, string?>
        {
            ["Roles:HeadOfSupportTeam:0"] = Head.AadObjectId,
        });
        await _hub.SetChannelAsync();
        var register = _hub.Bot.Services.GetRequiredService<LeadRegister>();
        await AddLeadAsync(register, Ada, "acute-trust", ["dementia"], AlertPreferences.StraightAway);
        await AddLeadAsync(register, Ben, "acute-trust", ["medicines"], AlertPreferences.StraightAway);
        await AddLeadAsync(register, Wes, "acute-trust", ["dementia"], AlertPreferences.Weekly);
        await AddLeadAsync(register, Cat, "council", ["dementia"], AlertPreferences.StraightAway);
        _hub.Bot.Connector.Reset();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_lead_who_passes_an_alert_on_reaches_exactly_that_lead_once()
    {
        var alert = await RaiseAsync("emergency-care");
        var card = CardJson.Of(Assert.Single(Started(SignalAlerts.Purpose, alert.AlertId)).Message);
        var form = CardJson.FromInvoke(await _hub.PressTitledAsync(Ada, card, "Pass to another lead"));
        Assert.Contains(Ben.AadObjectId, form.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(Cat.AadObjectId, form.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Ada.AadObjectId, form.ToJsonString(), StringComparison.Ordinal);

        var inputs = new JsonObject { ["lead"] = Ben.AadObjectId, ["passNote"] = "Ben runs the ward training. Call 07700 900123." };
        var passed = await _hub.PressAsync(Ada, form, AlertLifecycleVerbs.Pass, inputs);
        await _hub.PressAsync(Ada, form, AlertLifecycleVerbs.Pass, inputs);

        Assert.Contains(AlertLifecycleFeature.PassedTo(Ben.Name), CardJson.Texts(passed), StringComparison.Ordinal);
        var delivery = Assert.Single(Started(AlertFollowUp.PassPurpose, $"{alert.AlertId}|{Ben.AadObjectId}"));
        Assert.Equal([Ben.AadObjectId], delivery.Recipients.Select(r => r.Key));
        Assert.Single(_deliveries.Started, r => r.Purpose == AlertFollowUp.PassPurpose && r.IdempotencyKey.StartsWith(alert.AlertId, StringComparison.Ordinal));
        var stored = (await Alerts.FindAsync(alert.AlertId, CancellationToken.None))!;
        Assert.True(stored.IsRecipient(Ben.AadObjectId));
        Assert.Equal([Ben.AadObjectId], stored.AskedKeys());
        var pass = Assert.Single(stored.PassList());
        Assert.Equal((Ada.AadObjectId, Ben.AadObjectId), (pass.From, pass.To));
        Assert.DoesNotContain("07700", pass.Note, StringComparison.Ordinal);
        Assert.NotNull(pass.DeliveryId);
    }

    [Fact]
    public async Task Only_a_recipient_may_pass_an_alert_on()
    {
        var alert = await RaiseAsync("outpatients");
        var card = CardJson.Of(Assert.Single(Started(SignalAlerts.Purpose, alert.AlertId)).Message);

        var toForm = await _hub.PressTitledAsync(Ben, card, "Pass to another lead");
        var pass = await _hub.PressVerbAsync(Ben, AlertLifecycleVerbs.Pass, alert.AlertId, new JsonObject { ["lead"] = Cat.AadObjectId, ["passNote"] = "" });

        Assert.Contains(SignalAlertsFeature.NotYours, toForm.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(SignalAlertsFeature.NotYours, pass.ToJsonString(), StringComparison.Ordinal);
        var stored = (await Alerts.FindAsync(alert.AlertId, CancellationToken.None))!;
        Assert.Empty(stored.PassList());
        Assert.False(stored.IsRecipient(Cat.AadObjectId));
        Assert.Empty(Started(AlertFollowUp.PassPurpose, $"{alert.AlertId}|{Cat.AadObjectId}"));
    }

    [Fact]
    public async Task Rejects_a_lead_the_form_did_not_offer()
    {
        var alert = await RaiseAsync("gp-practice");
        var card = CardJson.Of(Assert.Single(Started(SignalAlerts.Purpose, alert.AlertId)).Message);
        var form = CardJson.FromInvoke(await _hub.PressTitledAsync(Ada, card, "Pass to another lead"));

        await _hub.PressAsync(Ada, form, AlertLifecycleVerbs.Pass, new JsonObject { ["lead"] = SignalHarness.Outsider.AadObjectId, ["passNote"] = "" });

        Assert.Empty((await Alerts.FindAsync(alert.AlertId, CancellationToken.None))!.PassList());
        Assert.DoesNotContain(_deliveries.Started.ToList(), r => r.Purpose == AlertFollowUp.PassPurpose && r.IdempotencyKey.StartsWith(alert.AlertId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unanswered_alert_reminds_its_leads_once_after_3_working_days_then_tells_the_head()
    {
        var alert = await RaiseAsync("community-nursing");

        _hub.Clock.Now = DateTimeOffset.Parse("2026-12-06T20:00:00Z"); // Sunday: 3 days have gone, but only 2 working days
        await FollowUpAsync();
        Assert.Empty(Started(AlertFollowUp.ReminderPurpose, alert.AlertId));

        _hub.Clock.Now = DateTimeOffset.Parse("2026-12-07T14:31:00Z"); // Monday, after 3 working days
        await FollowUpAsync();
        await FollowUpAsync();
        var reminder = Assert.Single(Started(AlertFollowUp.ReminderPurpose, alert.AlertId));
        Assert.Equal(alert.RecipientKeys().Order(), reminder.Recipients.Select(r => r.Key).Order());
        Assert.Contains(AlertFollowUp.ReminderNotice, CardJson.Texts(CardJson.Of(reminder.Message)), StringComparison.Ordinal);
        Assert.Contains(SignalAlertVerbs.Take, CardJson.Verbs(CardJson.Of(reminder.Message)));
        Assert.Empty(Started(AlertFollowUp.HeadPurpose, alert.AlertId));

        _hub.Clock.Now = DateTimeOffset.Parse("2026-12-10T14:00:00Z"); // Thursday, not yet 3 working days after the reminder
        await FollowUpAsync();
        Assert.Empty(Started(AlertFollowUp.HeadPurpose, alert.AlertId));

        _hub.Clock.Now = DateTimeOffset.Parse("2026-12-10T14:35:00Z");
        await FollowUpAsync();
        await FollowUpAsync();
        var head = Assert.Single(Started(AlertFollowUp.HeadPurpose, alert.AlertId));
        Assert.Equal([Head.AadObjectId], head.Recipients.Select(r => r.Key));
        Assert.Empty(CardJson.Verbs(CardJson.Of(head.Message)));
        var stored = (await Alerts.FindAsync(alert.AlertId, CancellationToken.None))!;
        Assert.NotNull(stored.RemindedAt);
        Assert.NotNull(stored.HeadToldAt);
    }

    [Fact]
    public async Task An_answered_alert_sends_no_reminder()
    {
        var alert = await RaiseAsync("learning-disability-services");
        var card = CardJson.Of(Assert.Single(Started(SignalAlerts.Purpose, alert.AlertId)).Message);
        await _hub.PressAsync(Ada, card, SignalAlertVerbs.Take);

        _hub.Clock.Now = DateTimeOffset.Parse("2026-12-14T15:00:00Z");
        await FollowUpAsync();
        await FollowUpAsync();

        Assert.Empty(Started(AlertFollowUp.ReminderPurpose, alert.AlertId));
        Assert.Empty(Started(AlertFollowUp.HeadPurpose, alert.AlertId));
        Assert.Null((await Alerts.FindAsync(alert.AlertId, CancellationToken.None))!.RemindedAt);
    }

    [Fact]
    public async Task The_follow_up_starts_a_delivery_that_was_recorded_but_never_started()
    {
        // As the moderator's turn leaves it when it stops between recording the alert and starting its delivery.
        var id = Guid.NewGuid().ToString("N");
        var table = await _hub.Bot.Services.GetRequiredService<TableStorage>().Table(SignalAlerts.AlertsTable).GetAsync(CancellationToken.None);
        await table.AddEntityAsync(new SignalAlert
        {
            RowKey = id, AlertId = id, Theme = "dementia", ServiceArea = "other", OrganisationKind = "acute-trust", Concerns = 1, Sources = "pals",
            Urgent = true, RaisedAt = _hub.Clock.GetUtcNow(), Recipients = $"{Ada.AadObjectId},{Wes.AadObjectId}", Version = 1,
        });

        await FollowUpAsync();
        await FollowUpAsync();

        var delivery = Assert.Single(Started(SignalAlerts.Purpose, id));
        Assert.Equal([Ada.AadObjectId], delivery.Recipients.Select(r => r.Key));
        var stored = (await Alerts.FindAsync(id, CancellationToken.None))!;
        Assert.True(stored.FirstDeliveryStarted);
        Assert.Equal(InMemoryDeliveries.IdFor(SignalAlerts.Purpose, id), stored.DeliveryId);
    }

    private SignalAlerts Alerts => _hub.Bot.Services.GetRequiredService<SignalAlerts>();

    private Task<FollowUpPass> FollowUpAsync() => _hub.Bot.Services.GetRequiredService<AlertFollowUp>().RunOnceAsync(CancellationToken.None);

    /// <summary>An urgent dementia concern in an acute trust's service area, accepted: the alert it raised.</summary>
    private async Task<SignalAlert> RaiseAsync(string serviceArea)
    {
        await _hub.AcceptConcernAsync("dementia", serviceArea);
        var theme = await Alerts.FindThemeAsync("dementia", serviceArea, "acute-trust", CancellationToken.None);
        return (await Alerts.FindAsync(theme!.AlertId!, CancellationToken.None))!;
    }

    private IReadOnlyList<DeliveryRequest> Started(string purpose, string key) =>
        [.. _deliveries.Started.ToList().Where(r => r.Purpose == purpose && r.IdempotencyKey == key)];

    private static async Task AddLeadAsync(LeadRegister register, TestPerson person, string organisationKind, string[] themes, string preference)
    {
        var details = new LeadDetails(ScrubbedText.Empty, ScrubbedText.Empty, organisationKind, themes, preference);
        await register.AddAsync(LeadEntry.Create(details, person.AadObjectId, person.Name, "test", DateTimeOffset.UtcNow) with { Kind = "clinical-lead" }, CancellationToken.None);
    }
}
