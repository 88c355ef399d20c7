using LearningBot.Delivery;
using LearningBot.FeedbackSignals;
using LearningBot.Leads;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// Leads who chose weekly alerts, through the real pipeline: no alert card at once, one card a week (here Friday at
/// 16:00) listing their open alerts, each opening its alert card. A class of its own, so no other test's follow-up has
/// sent this week's bundles first.
/// </summary>
public sealed class WeeklyAlertBundleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson Ada = new("29:ada-lead", "c1b2c3d4-0000-4000-8000-00000000c001", "Ada Lead");
    private static readonly TestPerson Wes = new("29:wes-lead", "c1b2c3d4-0000-4000-8000-00000000c003", "Wes Lead");

    private readonly InMemoryDeliveries _deliveries = new();
    private SignalHarness _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await SignalHarness.StartAsync(azurite, services => services.AddSingleton<IDeliveries>(_deliveries), new Dictionary<string, string?>
        {
            ["FeedbackSignals:Alert:WeeklyDay"] = "Friday",
            ["FeedbackSignals:Alert:WeeklyTime"] = "16:00",
        });
        await _hub.SetChannelAsync();
        var register = _hub.Bot.Services.GetRequiredService<LeadRegister>();
        await AddLeadAsync(register, Ada, AlertPreferences.StraightAway);
        await AddLeadAsync(register, Wes, AlertPreferences.Weekly);
        _hub.Bot.Connector.Reset();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_weekly_lead_gets_no_card_at_once_and_one_bundle_at_the_weekly_time()
    {
        await _hub.AcceptConcernAsync("dementia", "care-homes");
        var theme = await Alerts.FindThemeAsync("dementia", "care-homes", "acute-trust", CancellationToken.None);
        var alert = (await Alerts.FindAsync(theme!.AlertId!, CancellationToken.None))!;
        Assert.True(alert.IsRecipient(Wes.AadObjectId));
        var immediate = Assert.Single(_deliveries.Started.ToList(), r => r.Purpose == SignalAlerts.Purpose && r.IdempotencyKey == alert.AlertId);
        Assert.DoesNotContain(Wes.AadObjectId, immediate.Recipients.Select(r => r.Key));
        Assert.Contains(Ada.AadObjectId, immediate.Recipients.Select(r => r.Key));

        _hub.Clock.Now = DateTimeOffset.Parse("2026-12-04T15:59:00Z"); // Friday, before the weekly time
        await FollowUpAsync();
        Assert.Empty(BundlesFor(Wes));

        _hub.Clock.Now = DateTimeOffset.Parse("2026-12-04T16:05:00Z");
        await FollowUpAsync();
        await FollowUpAsync();

        var bundle = Assert.Single(BundlesFor(Wes));
        var card = CardJson.Of(bundle.Message);
        Assert.Contains(alert.AlertId, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(BundlesFor(Ada));

        var opened = await _hub.PressVerbAsync(Wes, AlertLifecycleVerbs.Open, alert.AlertId);
        Assert.DoesNotContain(SignalAlertsFeature.NotYours, opened.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(_hub.Bot.Connector.Sent, s => s.ConversationId != SignalHarness.Channel
            && CardJson.Texts(s.Activity).Contains("Feedback theme alert: Dementia", StringComparison.Ordinal));
    }

    private SignalAlerts Alerts => _hub.Bot.Services.GetRequiredService<SignalAlerts>();

    private Task<FollowUpPass> FollowUpAsync() => _hub.Bot.Services.GetRequiredService<AlertFollowUp>().RunOnceAsync(CancellationToken.None);

    private IReadOnlyList<DeliveryRequest> BundlesFor(TestPerson lead) =>
        [.. _deliveries.Started.ToList().Where(r => r.Purpose == WeeklyAlertBundle.Purpose && r.Recipients.Any(p => p.Key == lead.AadObjectId))];

    private static async Task AddLeadAsync(LeadRegister register, TestPerson person, string preference)
    {
        var details = new LeadDetails(ScrubbedText.Empty, ScrubbedText.Empty, "acute-trust", ["dementia"], preference);
        await register.AddAsync(LeadEntry.Create(details, person.AadObjectId, person.Name, "test", DateTimeOffset.UtcNow) with { Kind = "clinical-lead" }, CancellationToken.None);
    }
}
