using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.LearningDirectory.Editing;
using LearningBot.LearningDirectory.Interest;
using LearningBot.Tests.Support;
using LearningBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.LearningDirectory.Interest;

/// <summary>
/// "Tell me when there's a date" through the bot host: registering by button and by text, listing and stopping, and the
/// alert a new session sends through the delivery engine, once, to the people it is for. Each test uses offers of its
/// own; people who asked about a topic can hear of other tests' offers too, so what a person got is counted by offer.
/// </summary>
public sealed class CourseAlertTests(DirectoryHostFixture fixture) : IClassFixture<DirectoryHostFixture>, IAsyncLifetime
{
    private static readonly TestPerson Marcus = DirectoryHostFixture.Marcus;

    /// <summary>In the seeded people directory, at a mental health trust.</summary>
    private static readonly TestPerson Kwame = new("29:1-kwame", "9b5d3f7a-2c4e-4068-8b1d-7f3e5c9a2b48", "Kwame Mensah");

    /// <summary>In the seeded people directory, at a voluntary-sector organisation.</summary>
    private static readonly TestPerson Priya = TestPerson.Priya;

    public Task InitializeAsync() => fixture.ReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_course_with_no_dates_offers_to_tell_the_asker_when_there_is_one_and_pressing_twice_keeps_one_alert()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("nodates", "Nia Jones");
        var offerId = await NewOfferAsync("Sign language for beginners", ["british sign language"]);

        var answer = await TypeAsync(bot, person, "british sign language course");
        var button = CardJson.ActionByVerb(answer, InterestVerbs.NewDatesOfOffer);
        Assert.Equal("Tell me when there's a date", button["title"]!.GetValue<string>());
        Assert.Equal(offerId, button["data"]!["offerId"]!.GetValue<string>());
        Assert.Contains("No dates are set at the moment", CardJson.Texts(answer), StringComparison.Ordinal);

        var first = await PressAsync(bot, person, InterestVerbs.NewDatesOfOffer, new JsonObject { ["offerId"] = offerId });
        await PressAsync(bot, person, InterestVerbs.NewDatesOfOffer, new JsonObject { ["offerId"] = offerId });

        Assert.StartsWith("Done: I'll tell you when a new date is added for Sign language for beginners.", CardJson.MessageFromInvoke(first), StringComparison.Ordinal);
        var list = await TypeAsync(bot, person, "my course alerts");
        Assert.Single(CardJson.Actions(list, InterestVerbs.Stop));
        Assert.Contains("New dates of Sign language for beginners", CardJson.Texts(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_in_words_registers_the_topic_and_confirms_it_in_plain_English()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("words", "Wren Hall");

        var confirmation = await TypeAsync(bot, person, "let me know when there's a moving and handling course");
        await TypeAsync(bot, person, "Tell me about new moving and handling courses");

        Assert.Contains("Done: I'll tell you when a new date is added for a course on moving and handling.", CardJson.Texts(confirmation), StringComparison.Ordinal);
        Assert.Contains(InterestVerbs.List, CardJson.Verbs(confirmation));
        var list = CardJson.FromInvoke(await PressAsync(bot, person, InterestVerbs.List, []));
        Assert.Single(CardJson.Actions(list, InterestVerbs.Stop));
        Assert.Contains("New dates of courses on moving and handling", CardJson.Texts(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_without_a_topic_says_how_to_ask_and_registers_nothing()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("notopic", "Ola Berg");

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "tell me when there's a date", person.ChatId).From(person));

        Assert.Equal(InterestWording.AskForTopic, Assert.Single(bot.Connector.Sent, s => s.ConversationId == person.ChatId).Activity.Text);
        Assert.Empty(CardJson.Actions(await TypeAsync(bot, person, "my course alerts"), InterestVerbs.Stop));
    }

    [Fact]
    public async Task Stopping_an_alert_removes_it_and_stopping_it_again_is_fine()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("stop", "Sol Reyes");
        await TypeAsync(bot, person, "tell me about new fire safety courses");
        await TypeAsync(bot, person, "tell me about new dementia courses");
        var list = await TypeAsync(bot, person, "my course alerts");
        var stop = CardJson.Actions(list, InterestVerbs.Stop).First(a => a["data"]!["interestId"]!.GetValue<string>().Contains("fire", StringComparison.Ordinal));
        var data = stop["data"]!.DeepClone().AsObject();

        var stopped = CardJson.FromInvoke(await PressAsync(bot, person, InterestVerbs.Stop, data));
        var again = CardJson.FromInvoke(await PressAsync(bot, person, InterestVerbs.Stop, data.DeepClone().AsObject()));

        Assert.StartsWith("Stopped.", CardJson.ById(stopped, "notice")["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("fire safety", CardJson.Texts(stopped), StringComparison.Ordinal);
        Assert.Contains("courses on dementia", CardJson.Texts(stopped), StringComparison.Ordinal);
        Assert.Equal("That alert was already stopped.", CardJson.ById(again, "notice")["text"]!.GetValue<string>());
        Assert.Single(CardJson.Actions(again, InterestVerbs.Stop));
    }

    [Fact]
    public async Task A_session_added_in_Teams_tells_each_interested_person_once_and_nobody_else()
    {
        var bot = fixture.ForTest();
        var both = TestPerson.Unique("both", "Bo Tan");
        var byTopic = TestPerson.Unique("topic", "Tia Moss");
        var other = TestPerson.Unique("other", "Oz Kemp");
        var offerId = await NewOfferAsync("Tracheostomy care essentials", ["tracheostomy care"]);
        await PressAsync(bot, both, InterestVerbs.NewDatesOfOffer, new JsonObject { ["offerId"] = offerId });
        await TypeAsync(bot, both, "tell me about new tracheostomy care courses");
        await TypeAsync(bot, byTopic, "let me know when there's a tracheostomy course");
        await TypeAsync(bot, other, "tell me about new fire safety courses");
        var formId = Guid.NewGuid().ToString("N");

        await Task.WhenAll(
            PressAsync(bot, Marcus, DirectoryVerbs.SaveSession, SessionData(offerId, formId)),
            PressAsync(bot, Marcus, DirectoryVerbs.SaveSession, SessionData(offerId, formId)));

        Assert.True(await Eventually.TrueAsync(() => AlertsAbout(bot, both, offerId).Count > 0 && AlertsAbout(bot, byTopic, offerId).Count > 0));
        var alert = Assert.Single(AlertsAbout(bot, both, offerId));
        Assert.Contains("Tracheostomy care essentials", CardJson.Texts(alert), StringComparison.Ordinal);
        Assert.Contains("Education Centre, Peterborough", CardJson.Texts(alert), StringComparison.Ordinal);
        Assert.Equal([InterestVerbs.StopForOffer, InterestVerbs.List], CardJson.Verbs(alert));
        Assert.Contains(CardJson.Descendants(alert), n => CardJson.Type(n) == "Action.OpenUrl" && n["url"]!.GetValue<string>() == "https://learning.example.org/book/bls");
        Assert.Single(AlertsAbout(bot, byTopic, offerId));

        await AddSentinelSessionAsync(offerId);
        Assert.Single(AlertsAbout(bot, both, offerId), a => !CardJson.Texts(a).Contains("Sentinel", StringComparison.Ordinal));
        Assert.Empty(AlertsAbout(bot, other, offerId));
        var session = Assert.Single((await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Sessions, s => s.AddedWith == formId);
        var progress = await Deliveries.GetProgressAsync(DeliveryKeys.DeliveryId(CourseDateAlerts.Purpose, $"{offerId}|{session.SessionId}"), CancellationToken.None);
        Assert.Equal(2, progress!.Total);
    }

    [Fact]
    public async Task Stop_these_alerts_on_the_alert_stops_every_alert_that_brought_it()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("stopall", "Ash Lee");
        var offerId = await NewOfferAsync("Stoma care for carers", ["stoma care"]);
        await PressAsync(bot, person, InterestVerbs.NewDatesOfOffer, new JsonObject { ["offerId"] = offerId });
        await TypeAsync(bot, person, "tell me about new stoma care courses");
        await TypeAsync(bot, person, "tell me about new fire safety courses");
        await PressAsync(bot, Marcus, DirectoryVerbs.SaveSession, SessionData(offerId, Guid.NewGuid().ToString("N")));
        Assert.True(await Eventually.TrueAsync(() => AlertsAbout(bot, person, offerId).Count > 0));
        var stop = CardJson.ActionByVerb(AlertsAbout(bot, person, offerId)[0], InterestVerbs.StopForOffer);

        var list = CardJson.FromInvoke(await PressAsync(bot, person, InterestVerbs.StopForOffer, stop["data"]!.DeepClone().AsObject()));

        Assert.Contains("Stopped: new dates of Stoma care for carers; new dates of courses on stoma care.", CardJson.Texts(list), StringComparison.Ordinal);
        Assert.Single(CardJson.Actions(list, InterestVerbs.Stop));
        Assert.Contains("courses on fire safety", CardJson.Texts(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_new_sessions_tells_the_interested_person_and_importing_them_again_tells_nobody_twice()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("import", "Ivy Cole");
        var offerId = DirectoryTestData.NewId("import-alert");
        await TypeAsync(bot, person, "tell me about new bariatric moving courses");
        var csv = string.Join('\n', ImportHeader, ImportRow(offerId, "s1", 20), ImportRow(offerId, "s2", 27));

        await ImportAsync(bot, csv);
        Assert.True(await Eventually.TrueAsync(() => AlertsAbout(bot, person, offerId).Count >= 2));
        await ImportAsync(bot, csv);
        await AddSentinelSessionAsync(offerId);

        var alerts = AlertsAbout(bot, person, offerId).Where(a => !CardJson.Texts(a).Contains("Sentinel", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(2, alerts.Select(CardJson.Texts).Distinct().Count());
    }

    [Fact]
    public async Task A_course_open_only_to_some_organisations_is_not_alerted_to_people_from_others()
    {
        var bot = fixture.ForTest();
        var offerId = DirectoryTestData.NewId("restricted");
        var offer = DirectoryTestData.Offer(offerId) with
        {
            Title = "Supporting people in a mental health crisis", Topics = ["crisis support"], OpenTo = ["mental-health-trust"], MandatoryTopic = null,
        };
        await DirectoryTestData.WriteAsync(fixture.Store, offer);
        await TypeAsync(bot, Kwame, "tell me about new crisis support courses");
        await TypeAsync(bot, Priya, "tell me about new crisis support courses");

        await PressAsync(bot, Marcus, DirectoryVerbs.SaveSession, SessionData(offerId, Guid.NewGuid().ToString("N")));
        Assert.True(await Eventually.TrueAsync(() => AlertsAbout(bot, Kwame, offerId).Count > 0));
        await AddSentinelSessionAsync(offerId);

        Assert.Single(AlertsAbout(bot, Kwame, offerId), a => !CardJson.Texts(a).Contains("Sentinel", StringComparison.Ordinal));
        Assert.Empty(AlertsAbout(bot, Priya, offerId));
    }

    [Fact]
    public async Task A_past_or_cancelled_session_tells_nobody()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("past", "Pat Ng");
        var offerId = await NewOfferAsync("Wound care refresher", ["wound care"]);
        await TypeAsync(bot, person, "my course alerts");
        await PressAsync(bot, person, InterestVerbs.NewDatesOfOffer, new JsonObject { ["offerId"] = offerId });

        await DirectoryTestData.WriteAsync(
            fixture.Store, (await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Offer.ToOffer(),
            DirectoryTestData.Session(offerId, "past", DateTimeOffset.UtcNow.AddDays(-3)),
            DirectoryTestData.Session(offerId, "cancelled", DateTimeOffset.UtcNow.AddDays(12), cancelled: true));
        await AddSentinelSessionAsync(offerId);

        var alert = Assert.Single(AlertsAbout(bot, person, offerId));
        Assert.Contains("Sentinel", CardJson.Texts(alert), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_whose_instance_stopped_before_telling_anyone_is_told_by_the_next_sweep_and_its_mark_cleared()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("sweep", "Sol Reid");
        var offerId = await NewOfferAsync("Stoma care update", ["stoma care"]);
        await PressAsync(bot, person, InterestVerbs.NewDatesOfOffer, new JsonObject { ["offerId"] = offerId });
        // The same storage through a store that tells nobody: the session is saved with its mark, as by an instance that then stopped.
        var stopped = new CourseDirectoryStore(bot.Services.GetRequiredService<TableStorage>(), TimeProvider.System, [], NullLogger<CourseDirectoryStore>.Instance);
        var offer = (await stopped.FindOfferAsync(offerId, CancellationToken.None))!.Offer.ToOffer();
        var session = DirectoryTestData.Session(offerId, "orphan-" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow.AddDays(40), place: "Orphan Room, Peterborough");
        await DirectoryTestData.WriteAsync(stopped, offer, session);
        Assert.Contains(await stopped.UnannouncedAsync(CancellationToken.None), m => m.SessionId == session.Id);
        Assert.Empty(AlertsAbout(bot, person, offerId));

        var sending = bot.Services.GetServices<IHostedService>().OfType<CourseAlertSending>().Single();
        await sending.SweepOnceAsync(TimeSpan.Zero, CancellationToken.None);
        await sending.SweepOnceAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(() => AlertsAbout(bot, person, offerId).Count > 0));
        await AddSentinelSessionAsync(offerId);
        Assert.Single(AlertsAbout(bot, person, offerId), a => CardJson.Texts(a).Contains("Orphan Room", StringComparison.Ordinal));
        Assert.DoesNotContain(await stopped.UnannouncedAsync(CancellationToken.None), m => m.OfferId == offerId);
    }

    [Fact]
    public async Task Two_instances_sweeping_the_same_unannounced_session_at_once_tell_each_person_once()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("bothsweep", "Ren Hale");
        var offerId = await NewOfferAsync("Tracheostomy care update", ["tracheostomy care"]);
        await PressAsync(bot, person, InterestVerbs.NewDatesOfOffer, new JsonObject { ["offerId"] = offerId });
        var stopped = new CourseDirectoryStore(bot.Services.GetRequiredService<TableStorage>(), TimeProvider.System, [], NullLogger<CourseDirectoryStore>.Instance);
        var session = DirectoryTestData.Session(offerId, "both-" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow.AddDays(40), place: "Both Room, Peterborough");
        await DirectoryTestData.WriteAsync(stopped, (await stopped.FindOfferAsync(offerId, CancellationToken.None))!.Offer.ToOffer(), session);

        // Every instance sweeps (no lease): two of them, each with its own alerts, find the same mark at the same moment.
        using var first = NewSending(bot);
        using var second = NewSending(bot);
        await Task.WhenAll(first.SweepOnceAsync(TimeSpan.Zero, CancellationToken.None), second.SweepOnceAsync(TimeSpan.Zero, CancellationToken.None));

        Assert.True(await Eventually.TrueAsync(() => AlertsAbout(bot, person, offerId).Count > 0));
        await AddSentinelSessionAsync(offerId);
        Assert.Single(AlertsAbout(bot, person, offerId), a => CardJson.Texts(a).Contains("Both Room", StringComparison.Ordinal));
        Assert.DoesNotContain(await stopped.UnannouncedAsync(CancellationToken.None), m => m.OfferId == offerId);
    }

    private CourseAlertSending NewSending(BotTestHost bot) => new(
        ActivatorUtilities.CreateInstance<CourseDateAlerts>(bot.Services), fixture.Store, TimeProvider.System,
        Options.Create(new LearningDirectoryOptions()), NullLogger<CourseAlertSending>.Instance);

    [Fact]
    public async Task An_instance_sweeping_at_a_shorter_interval_tells_a_session_left_unannounced_without_waiting_a_minute()
    {
        var bot = fixture.ForTest();
        var person = TestPerson.Unique("quicksweep", "Kit Ray");
        var offerId = await NewOfferAsync("Catheter care update", ["catheter care"]);
        await PressAsync(bot, person, InterestVerbs.NewDatesOfOffer, new JsonObject { ["offerId"] = offerId });
        var stopped = new CourseDirectoryStore(bot.Services.GetRequiredService<TableStorage>(), TimeProvider.System, [], NullLogger<CourseDirectoryStore>.Instance);
        var session = DirectoryTestData.Session(offerId, "left-" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow.AddDays(40), place: "Left Room, Peterborough");
        await DirectoryTestData.WriteAsync(stopped, (await stopped.FindOfferAsync(offerId, CancellationToken.None))!.Offer.ToOffer(), session);
        // Another instance, with nothing in its queue: only its sweep can tell the session.
        using var sending = new CourseAlertSending(
            ActivatorUtilities.CreateInstance<CourseDateAlerts>(bot.Services), fixture.Store, TimeProvider.System,
            Options.Create(new LearningDirectoryOptions { AlertSweepInterval = TimeSpan.FromSeconds(1) }), NullLogger<CourseAlertSending>.Instance);

        await sending.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(await Eventually.TrueAsync(() => AlertsAbout(bot, person, offerId).Count > 0, within: TimeSpan.FromSeconds(15)));
        }
        finally
        {
            await sending.StopAsync(CancellationToken.None);
        }

        Assert.DoesNotContain(await stopped.UnannouncedAsync(CancellationToken.None), m => m.OfferId == offerId);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.5000000")]
    [InlineData("01:00:01")]
    public void An_alert_sweep_interval_outside_a_second_to_an_hour_is_refused(string interval)
    {
        var problems = ProblemsWith(new LearningDirectoryOptions { AlertSweepInterval = TimeSpan.Parse(interval, CultureInfo.InvariantCulture) });

        Assert.Equal("LearningDirectory:AlertSweepInterval must be between 00:00:01 and 01:00:00.", Assert.Single(problems).ErrorMessage);
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("01:00:00")]
    public void An_alert_sweep_interval_from_a_second_to_an_hour_is_accepted_and_a_minute_is_the_default(string interval)
    {
        Assert.Empty(ProblemsWith(new LearningDirectoryOptions { AlertSweepInterval = TimeSpan.Parse(interval, CultureInfo.InvariantCulture) }));
        Assert.Equal(TimeSpan.FromMinutes(1), new LearningDirectoryOptions().AlertSweepInterval);
    }

    private static List<ValidationResult> ProblemsWith(LearningDirectoryOptions options) => [.. options.Validate(new ValidationContext(options))];

    private IDeliveries Deliveries => fixture.Bot.Services.GetRequiredService<IDeliveries>();

    /// <summary>
    /// Adds a session of its own to the offer and waits until it has reached everyone interested: deliveries started
    /// before it (a second alert that should not be) have had the same chance to arrive.
    /// </summary>
    private async Task AddSentinelSessionAsync(string offerId)
    {
        var sentinel = DirectoryTestData.Session(offerId, "sentinel-" + Guid.NewGuid().ToString("N")[..6], DateTimeOffset.UtcNow.AddDays(60), place: "Sentinel Room, Peterborough");
        await DirectoryTestData.WriteAsync(fixture.Store, (await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Offer.ToOffer(), sentinel);
        var id = DeliveryKeys.DeliveryId(CourseDateAlerts.Purpose, $"{offerId}|{sentinel.Id}");
        Assert.True(await Eventually.TrueAsync(async () => (await Deliveries.GetProgressAsync(id, CancellationToken.None)) is { Pending: 0 }));
    }

    private async Task<string> NewOfferAsync(string title, IReadOnlyList<string> topics)
    {
        var id = DirectoryTestData.NewId("alert");
        await DirectoryTestData.WriteAsync(fixture.Store, DirectoryTestData.Offer(id) with { Title = title, Topics = topics, MandatoryTopic = null });
        return id;
    }

    private static List<JsonObject> AlertsAbout(BotTestHost bot, TestPerson person, string offerId) =>
    [
        .. bot.Connector.Sent
            .Where(s => s.ConversationId == person.ChatId && s.Activity.Attachments is { Count: > 0 })
            .Select(CardJson.Of)
            .Where(card => CardJson.Actions(card, InterestVerbs.StopForOffer).Any(a => a["data"]!["offerId"]!.GetValue<string>() == offerId)),
    ];

    private static async Task<JsonObject> TypeAsync(BotTestHost bot, TestPerson person, string text)
    {
        var before = bot.Connector.Sent.Count;
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, text, person.ChatId).From(person));
        return CardJson.Of(bot.Connector.Sent.Skip(before).Last(s => s.ConversationId == person.ChatId && s.Activity.Attachments is { Count: > 0 }));
    }

    private static async Task<JsonObject> PressAsync(BotTestHost bot, TestPerson person, string verb, JsonObject data)
    {
        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, verb, data, person.ChatId).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    private static JsonObject SessionData(string offerId, string formId) => new()
    {
        ["offerId"] = offerId, ["sessionId"] = string.Empty, ["formId"] = formId,
        ["date"] = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["starts"] = "09:30", ["ends"] = "12:30", ["place"] = "Education Centre, Peterborough", ["joiningRoute"] = string.Empty, ["placesLeft"] = "12",
    };

    private const string ImportHeader =
        "offerId,title,summary,topics,provider,providerKind,openTo,staffGroups,forVolunteers,format,length,cost,bookingUrl,bookingEmail,bookingPhone,articleId,mandatoryTopic,retired,sessionId,date,starts,ends,place,joiningRoute,placesLeft,cancelled";

    private static string ImportRow(string offerId, string sessionId, int inDays) =>
        $"{offerId},Bariatric moving and handling,\"Moving people of larger size safely, with the right equipment.\",bariatric moving;moving and handling,City General Hospital NHS Foundation Trust,acute-trust,,healthcare support workers,no,Classroom,Half day,,https://learning.example.org/book/bariatric,education@example.org,01632 960100,,moving-and-handling,no,{sessionId}," +
        $"{DateTimeOffset.UtcNow.AddDays(inDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)},09:30,12:30,\"Education Centre, Peterborough\",,8,no";

    private static async Task ImportAsync(BotTestHost bot, string csv)
    {
        var response = await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "import courses\n" + csv, Marcus.ChatId).From(Marcus));
        response.EnsureSuccessStatusCode();
    }
}
