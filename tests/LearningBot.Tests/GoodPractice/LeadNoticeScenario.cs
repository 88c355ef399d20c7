using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.GoodPractice;
using LearningBot.GoodPractice.LeadNotices;
using LearningBot.Leads;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.GoodPractice;

/// <summary>
/// A good-practice hub whose deliveries are recorded instead of sent, with bundles on Tuesdays at 09:00 (UK time) and a
/// member of the board. Test classes share one storage account, so each test works in a week of its own (the weekly
/// bundle is marked done per week) with leads of its own.
/// </summary>
public sealed class LeadNoticeScenario(GoodPracticeHarness hub, InMemoryDeliveries deliveries)
{
    public static readonly TestPerson Board = new("29:bea-board", "b0a4d000-0000-4000-8000-0000000000b1", "Bea Board");

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Roles:Board:0"] = Board.AadObjectId,
        ["GoodPractice:WeeklyDay"] = "Tuesday",
        ["GoodPractice:WeeklyTime"] = "09:00",
    };

    public GoodPracticeHarness Hub => hub;

    public InMemoryDeliveries Deliveries => deliveries;

    public LeadNoticeStore Notices => hub.Bot.Services.GetRequiredService<LeadNoticeStore>();

    public WeeklyPracticeBundle Bundle => hub.Bot.Services.GetRequiredService<WeeklyPracticeBundle>();

    public static async Task<LeadNoticeScenario> StartAsync(AzuriteFixture azurite)
    {
        var deliveries = new InMemoryDeliveries();
        var hub = await GoodPracticeHarness.StartAsync(azurite, Settings, services => services.AddSingleton<IDeliveries>(deliveries));
        return new LeadNoticeScenario(hub, deliveries);
    }

    /// <summary>A Wednesday morning <paramref name="week"/> weeks into 2027 (before British Summer Time), so each test has a week of its own.</summary>
    public void InWeek(int week) => hub.Clock.Now = DateTimeOffset.Parse("2027-01-06T10:00:00Z").AddDays(7 * week);

    /// <summary>The next Tuesday, just after the bundles are due.</summary>
    public void AtBundleTime()
    {
        var day = hub.Clock.Now.UtcDateTime.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        hub.Clock.Now = new DateTimeOffset(day.AddHours(9).AddMinutes(5), TimeSpan.Zero);
    }

    public async Task<TestPerson> AddLeadAsync(string name, string organisationKind, string[] topics, string preference, string kind = "clinical-lead")
    {
        var person = TestPerson.Unique("lead", name);
        var details = new LeadDetails(ScrubbedText.Empty, ScrubbedText.Empty, organisationKind, topics, preference);
        var register = hub.Bot.Services.GetRequiredService<LeadRegister>();
        await register.AddAsync(LeadEntry.Create(details, person.AadObjectId, person.Name, "test", hub.Clock.Now) with { Kind = kind }, CancellationToken.None);
        return person;
    }

    /// <summary>An example about medicines and handover from an acute trust, shared and approved; once <paramref name="witness"/> has its notice, every lead's is recorded.</summary>
    public async Task<string> ApproveAsync(TestPerson witness)
    {
        var id = await hub.ShareAsync(GoodPracticeHarness.Contributor());
        // The editor's press as Teams sends it; the moderation card may have been posted by another instance.
        await hub.PressVerbAsync(GoodPracticeHarness.Editor, GoodPracticeVerbs.Approve, new JsonObject { ["exampleId"] = id });
        Assert.True(await Eventually.TrueAsync(async () => await Notices.FindAsync(witness.AadObjectId, id, CancellationToken.None) is not null), "The leads were never told.");
        return id;
    }

    /// <summary>
    /// The example reaches its review date (the clock moves on past it), the editors are told, and an editor retires it,
    /// through the same calls as the review card's Retire.
    /// </summary>
    public async Task RetireAsync(string exampleId)
    {
        var example = (await hub.Examples.FindAsync(exampleId, CancellationToken.None))!;
        hub.Clock.Now = example.ReviewDue!.Value.AddHours(10);
        await hub.Bot.Services.GetRequiredService<ReviewDateCheck>().RunOnceAsync(CancellationToken.None);
        var retired = await hub.Bot.Services.GetRequiredService<GoodPracticeModeration>().ReviewAsync(exampleId, GoodPracticeHarness.Editor.AadObjectId,
            GoodPracticeModeration.Retire(PersonalDataScrubber.Scrub("Superseded by national guidance.", DateOnly.FromDateTime(hub.Clock.Now.UtcDateTime))), CancellationToken.None);
        Assert.Equal(ExampleStatus.Retired, retired?.Entity.Status);
        hub.Clock.Now = hub.Clock.Now.AddHours(1);
    }

    public IReadOnlyList<DeliveryRequest> BundlesFor(TestPerson lead) => Started(WeeklyPracticeBundle.Purpose, lead);

    public IReadOnlyList<DeliveryRequest> AlertsFor(TestPerson lead) => Started(LeadNotifier.StraightAwayPurpose, lead);

    /// <summary>Every card started for the lead that holds the example.</summary>
    public IReadOnlyList<DeliveryRequest> CardsAbout(TestPerson lead, string exampleId) =>
        [.. AlertsFor(lead).Concat(BundlesFor(lead)).Where(r => CardJson.Of(r.Message).ToJsonString().Contains(exampleId, StringComparison.Ordinal))];

    /// <summary>The lead presses a button of their alert on one example; the invoke's whole answer.</summary>
    public Task<JsonObject> ReactAsync(TestPerson person, string verb, string exampleId, string bundle = LeadNotice.StraightAway) =>
        hub.PressVerbAsync(person, verb, new JsonObject { ["exampleId"] = exampleId, ["bundle"] = bundle });

    private List<DeliveryRequest> Started(string purpose, TestPerson lead) =>
        [.. deliveries.Started.ToList().Where(r => r.Purpose == purpose && r.Recipients.Any(p => p.Key == lead.AadObjectId))];
}
