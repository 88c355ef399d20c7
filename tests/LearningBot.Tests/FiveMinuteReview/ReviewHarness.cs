using System.Net;
using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview;
using LearningBot.People;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.FiveMinuteReview;

/// <summary>Someone in a test: their person key and Teams id.</summary>
public sealed record TestUser(string AadObjectId, string TeamsId, string Name)
{
    public string ChatId { get; } = "a:" + Guid.NewGuid().ToString("N");
}

/// <summary>
/// The real bot (all of it, through /api/messages) with a test people directory, a settable clock and a fresh
/// review table per test class. A manager, two Teams users, one volunteer without Teams and an outsider.
/// </summary>
public sealed class ReviewHarness : IAsyncDisposable
{
    public static readonly TestUser Manager = new("0f6a2b9c-3d4e-4a51-8b7c-9e1d2f3a4b50", "29:priya", "Priya Shah");
    public static readonly TestUser Outsider = new("9b5d3f7a-2c4e-4068-8b1d-7f3e5c9a2b48", "29:kwame", "Kwame Mensah");

    private ReviewHarness(BotTestHost bot, InMemoryPeopleDirectory people, ManualClock clock, TestUser tom, TestUser grace, string volunteerId)
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
    public TestUser Tom { get; }
    public TestUser Grace { get; }
    public string VolunteerId { get; }
    public ReviewStore Store => Bot.Services.GetRequiredService<ReviewStore>();
    public string ServiceUrl => Bot.Connector.ServiceUrl;

    public static async Task<ReviewHarness> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var people = new InMemoryPeopleDirectory();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        // Unique people per harness, so tests sharing the Azurite table never see each other's rows.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tom = new TestUser($"tom-{suffix}", $"29:tom-{suffix}", "Tom Okafor");
        var grace = new TestUser($"grace-{suffix}", $"29:grace-{suffix}", "Grace Lewis");
        people.Add(Manager.AadObjectId, Manager.Name, null);
        people.Add(tom.AadObjectId, tom.Name, Manager.AadObjectId);
        people.Add(grace.AadObjectId, grace.Name, Manager.AadObjectId);
        var volunteer = people.Add($"local:{suffix}", "Margaret O'Neill", Manager.AadObjectId, usesTeams: false, organisation: "Befriending Service " + suffix);
        var all = new Dictionary<string, string?>
        {
            ["FiveMinuteReview:RemindersEnabled"] = "false",
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
    public Task<HttpResponseMessage> SayAsync(TestUser user, string text) => Bot.PostActivityAsync(As(user, TeamsActivities.Message(ServiceUrl, text)));

    /// <summary>Presses an Action.Execute button as <paramref name="user"/> and returns the answer's body.</summary>
    public async Task<JsonObject> PressAsync(TestUser user, string verb, JsonObject data)
    {
        var response = await Bot.PostActivityAsync(As(user, TeamsActivities.ExecuteAction(ServiceUrl, verb, data.DeepClone().AsObject())));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BotTestHost.ReadJsonAsync(response);
    }

    /// <summary>Presses a button on a card the bot returned, with the card's data and the given input values.</summary>
    public Task<JsonObject> PressOnCardAsync(TestUser user, JsonObject card, string title, JsonObject? inputs = null)
    {
        var action = FindAction(card, title) ?? throw new InvalidOperationException($"No button '{title}' on the card: {card.ToJsonString()}");
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in inputs ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return PressAsync(user, action["verb"]!.GetValue<string>(), data);
    }

    public static JsonObject Card(JsonObject invokeBody)
    {
        Assert.True(invokeBody["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive", $"Expected a card, got {invokeBody.ToJsonString()}");
        return invokeBody["value"]!.AsObject();
    }

    public static string Message(JsonObject invokeBody)
    {
        Assert.Equal("application/vnd.microsoft.activity.message", invokeBody["type"]?.GetValue<string>());
        return invokeBody["value"]!.GetValue<string>();
    }

    public static JsonObject? FindAction(JsonNode? node, string title) => node switch
    {
        JsonObject obj when obj["type"]?.GetValue<string>() == "Action.Execute" && obj["title"]?.GetValue<string>() == title => obj,
        JsonObject obj => obj.Select(p => FindAction(p.Value, title)).FirstOrDefault(a => a is not null),
        JsonArray array => array.Select(n => FindAction(n, title)).FirstOrDefault(a => a is not null),
        _ => null,
    };

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The card as JSON with apostrophes and the like left readable, for text assertions.</summary>
    public static string Text(JsonObject card) => card.ToJsonString(Readable);

    /// <summary>Cards the bot sent proactively into a user's 1:1 chat.</summary>
    public IReadOnlyList<string> CardsSentTo(TestUser user) =>
        [.. Bot.Connector.Sent.Where(s => s.ConversationId == user.ChatId && s.Activity.Attachments is { Count: > 0 })
            .Select(s => Text(JsonNode.Parse(s.Activity.Attachments![0].Content!.ToJsonString())!.AsObject()))];

    public IReadOnlyList<string> TextsSentTo(TestUser user) =>
        [.. Bot.Connector.Sent.Where(s => s.ConversationId == user.ChatId && s.Activity.Text is { Length: > 0 }).Select(s => s.Activity.Text!)];

    /// <summary>Runs a review with Tom (or <paramref name="personId"/>) from the team card to the saved card: seven presses.</summary>
    public async Task<(JsonObject Saved, int Presses)> RunFullReviewAsync(string? personId = null)
    {
        var presses = 0;
        var team = Card(await PressAsync(Manager, "review.start", [])); presses++;
        var open = FindOpenButton(team, personId ?? Tom.AadObjectId);
        var card = Card(await PressAsync(Manager, "review.open", open)); presses++;
        card = Card(await PressOnCardAsync(Manager, card, "Save and continue", new JsonObject { ["wentWell"] = "Clear, calm handovers.", ["evenBetter"] = "Finish care plans before the end of a shift." })); presses++;
        card = Card(await PressOnCardAsync(Manager, card, "Save and continue", new JsonObject { ["personView"] = "Weekend staffing is hard." })); presses++;
        card = Card(await PressOnCardAsync(Manager, card, "Save and continue", new JsonObject { ["objective1What"] = "Finish the medicines e-learning", ["objective1When"] = "2026-12-31", ["objective1Measure"] = "Certificate on file" })); presses++;
        card = Card(await PressOnCardAsync(Manager, card, "Check the summary", new JsonObject { ["learningNeeds"] = "dementia,moving-and-handling", ["learningTopics"] = "Using the new hoist on the first floor", ["approaches"] = "job-shadowing,e-learning", ["overall"] = "on-track", ["wellbeing"] = "okay" })); presses++;
        card = Card(await PressOnCardAsync(Manager, card, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" })); presses++;
        return (card, presses);
    }

    public static JsonObject FindOpenButton(JsonObject teamCard, string personId)
    {
        var stack = new Stack<JsonNode?>([teamCard]);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case JsonObject obj when IsOpenButtonFor(obj, personId):
                    return obj["data"]!.DeepClone().AsObject();
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        stack.Push(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        stack.Push(child);
                    }

                    break;
            }
        }

        throw new InvalidOperationException($"No button for {personId} on the team card.");
    }

    private static bool IsOpenButtonFor(JsonObject action, string personId) =>
        action["verb"]?.GetValue<string>() == "review.open" && (action["data"] as JsonObject)?["personId"]?.GetValue<string>() == personId;

    public async Task<ReviewEntity?> LatestReviewAsync(string personId)
    {
        var rows = await Store.GetTeamRowsAsync(Manager.AadObjectId, CancellationToken.None);
        var lastId = rows.People.GetValueOrDefault(personId)?.LastReviewId;
        return lastId is null ? null : await Store.GetReviewAsync(Manager.AadObjectId, lastId, CancellationToken.None);
    }

    public static JsonObject As(TestUser user, JsonObject activity)
    {
        activity["from"] = new JsonObject { ["id"] = user.TeamsId, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId };
        activity["conversation"]!["id"] = user.ChatId;
        return activity;
    }

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
