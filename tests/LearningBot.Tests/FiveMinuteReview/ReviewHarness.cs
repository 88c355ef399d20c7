using System.Net;
using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview;
using LearningBot.People;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.FiveMinuteReview;

/// <summary>
/// The real bot (all of it, through /api/messages) with a test people directory, a settable clock and a fresh
/// review table per test class. A manager, two Teams users, one volunteer without Teams and an outsider.
/// </summary>
public sealed class ReviewHarness : IAsyncDisposable
{
    public static readonly TestPerson Manager = TestPerson.Priya;
    public static readonly TestPerson Outsider = new("29:kwame", "9b5d3f7a-2c4e-4068-8b1d-7f3e5c9a2b48", "Kwame Mensah");

    private ReviewHarness(BotTestHost bot, InMemoryPeopleDirectory people, ManualClock clock, TestPerson tom, TestPerson grace, string volunteerId)
    {
        Bot = bot;
        People = people;
        Clock = clock;
        Tom = tom;
        Grace = grace;
        VolunteerId = volunteerId;
    }

    public BotTestHost Bot { get; }
    public InMemoryPeopleDirectory People { get; }
    public ManualClock Clock { get; }
    public TestPerson Tom { get; }
    public TestPerson Grace { get; }
    public string VolunteerId { get; }
    public ReviewStore Store => Bot.Services.GetRequiredService<ReviewStore>();
    public string ServiceUrl => Bot.Connector.ServiceUrl;

    /// <summary>A harness in which Tom and the manager have each said hello, so the bot knows both 1:1 chats.</summary>
    public static async Task<ReviewHarness> StartWithChatsAsync(AzuriteFixture azurite)
    {
        var harness = await StartAsync(azurite);
        await harness.SayAsync(harness.Tom, "thanks");
        await harness.SayAsync(Manager, "thanks");
        return harness;
    }

    public static async Task<ReviewHarness> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var people = new InMemoryPeopleDirectory();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        // Unique people per harness, so tests sharing the Azurite table never see each other's rows.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tom = TestPerson.Unique("tom", "Tom Okafor");
        var grace = TestPerson.Unique("grace", "Grace Lewis");
        people.Add(Manager.AadObjectId, Manager.Name, null);
        people.Add(tom.AadObjectId, tom.Name, Manager.AadObjectId);
        people.Add(grace.AadObjectId, grace.Name, Manager.AadObjectId);
        var volunteer = people.Add($"local:{suffix}", "Margaret O'Neill", Manager.AadObjectId, usesTeams: false, organisation: "Befriending Service " + suffix);
        var all = new Dictionary<string, string?>
        {
            ["FiveMinuteReview:RemindersEnabled"] = "false",
            ["FiveMinuteReview:FirstReviewGuide"] = "false",
            ["FiveMinuteReview:PublicBaseUrl"] = "https://learningbot.example.org",
            ["FiveMinuteReview:LinkSigningKey"] = Convert.ToBase64String(new byte[32]),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var bot = await BotTestHost.StartAsync(azurite, all, services =>
        {
            services.AddSingleton<IPeopleDirectory>(people);
            services.AddSingleton<TimeProvider>(clock);
        });
        return new ReviewHarness(bot, people, clock, tom, grace, volunteer.Id);
    }

    /// <summary>The user says something in their 1:1 chat (which also lets the bot reach them later).</summary>
    public Task<HttpResponseMessage> SayAsync(TestPerson user, string text) => Bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, text).From(user).InChatOf(user));

    /// <summary>
    /// Presses an Action.Execute button as <paramref name="user"/> and returns the answer's body; with
    /// <paramref name="cardActivityId"/>, on the card of that message in their chat.
    /// </summary>
    public async Task<JsonObject> PressAsync(TestPerson user, string verb, JsonObject data, string? cardActivityId = null)
    {
        var response = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data.DeepClone().AsObject(), cardActivityId: cardActivityId).From(user).InChatOf(user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BotTestHost.ReadJsonAsync(response);
    }

    /// <summary>Presses a button on a card the bot returned, with the card's data and the given input values.</summary>
    public Task<JsonObject> PressOnCardAsync(TestPerson user, JsonObject card, string title, JsonObject? inputs = null, string? cardActivityId = null)
    {
        var action = CardJson.ActionByTitle(card, title) ?? throw new InvalidOperationException($"No button '{title}' on the card: {card.ToJsonString()}");
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in inputs ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return PressAsync(user, action["verb"]!.GetValue<string>(), data, cardActivityId);
    }

    /// <summary>The manager presses a button on <paramref name="card"/>; the answer must be a card.</summary>
    public async Task<JsonObject> NextAsync(JsonObject card, string title, JsonObject? inputs = null) =>
        CardJson.FromInvoke(await PressOnCardAsync(Manager, card, title, inputs));

    /// <summary>The manager's team card.</summary>
    public async Task<JsonObject> TeamCardAsync() => CardJson.FromInvoke(await PressAsync(Manager, "review.start", []));

    /// <summary>The manager opens the team card and then <paramref name="personId"/>'s review: its first step.</summary>
    public async Task<JsonObject> OpenReviewAsync(string personId) =>
        CardJson.FromInvoke(await PressAsync(Manager, "review.open", FindOpenButton(await TeamCardAsync(), personId)));

    /// <summary>The manager fills in the steps with one objective and reaches the summary, ready to confirm.</summary>
    public async Task<JsonObject> SummaryCardAsync(string personId, string wentWell, string objective, string objectiveWhen)
    {
        var card = await NextAsync(await OpenReviewAsync(personId), "Save and continue", new JsonObject { ["wentWell"] = wentWell });
        card = await NextAsync(card, "Save and continue");
        card = await NextAsync(card, "Save and continue", new JsonObject { ["objective1What"] = objective, ["objective1When"] = objectiveWhen });
        return await NextAsync(card, "Check the summary", new JsonObject { ["overall"] = "on-track" });
    }

    /// <summary>Cards the bot sent proactively into a user's 1:1 chat.</summary>
    public IReadOnlyList<string> CardsSentTo(TestPerson user) =>
        [.. Bot.Connector.Sent.Where(s => s.ConversationId == user.ChatId && s.Activity.Attachments is { Count: > 0 })
            .Select(s => CardJson.Readable(CardJson.Of(s)))];

    public IReadOnlyList<string> TextsSentTo(TestPerson user) =>
        [.. Bot.Connector.Sent.Where(s => s.ConversationId == user.ChatId && s.Activity.Text is { Length: > 0 }).Select(s => s.Activity.Text!)];

    /// <summary>Runs a review with Tom (or <paramref name="personId"/>) from the team card to the saved card: seven presses.</summary>
    public async Task<(JsonObject Saved, int Presses)> RunFullReviewAsync(string? personId = null)
    {
        var presses = 0;
        var team = await TeamCardAsync(); presses++;
        var card = CardJson.FromInvoke(await PressAsync(Manager, "review.open", FindOpenButton(team, personId ?? Tom.AadObjectId))); presses++;
        card = await NextAsync(card, "Save and continue", new JsonObject { ["wentWell"] = "Clear, calm handovers.", ["evenBetter"] = "Finish care plans before the end of a shift." }); presses++;
        card = await NextAsync(card, "Save and continue", new JsonObject { ["personView"] = "Weekend staffing is hard." }); presses++;
        card = await NextAsync(card, "Save and continue", new JsonObject { ["objective1What"] = "Finish the medicines e-learning", ["objective1When"] = "2026-12-31", ["objective1Measure"] = "Certificate on file" }); presses++;
        card = await NextAsync(card, "Check the summary", new JsonObject { ["learningNeeds"] = "dementia,moving-and-handling", ["learningTopics"] = "Using the new hoist on the first floor", ["approaches"] = "job-shadowing,e-learning", ["overall"] = "on-track", ["wellbeing"] = "okay" }); presses++;
        card = await NextAsync(card, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" }); presses++;
        return (card, presses);
    }

    /// <summary>The data of the team card's button that opens <paramref name="personId"/>'s review.</summary>
    public static JsonObject FindOpenButton(JsonObject teamCard, string personId) =>
        CardJson.Actions(teamCard, "review.open").FirstOrDefault(a => a["data"]?["personId"]?.GetValue<string>() == personId)?["data"]!.DeepClone().AsObject()
        ?? throw new InvalidOperationException($"No button for {personId} on the team card.");

    public async Task<ReviewEntity?> LatestReviewAsync(string personId)
    {
        var rows = await Store.GetTeamRowsAsync(Manager.AadObjectId, CancellationToken.None);
        var lastId = rows.People.GetValueOrDefault(personId)?.LastReviewId;
        return lastId is null ? null : await Store.GetReviewAsync(Manager.AadObjectId, lastId, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
