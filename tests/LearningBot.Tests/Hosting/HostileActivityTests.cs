using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// Every button the bot knows, pressed with data no card of ours sends, and everyday activities with one part broken:
/// each gets a clear answer (never a 500) and the bot logs no error, since an error logged here would be a bug that
/// input reached. Someone holding every role and someone holding none both try. Refusals by role, with nothing written,
/// are <see cref="Access.GuardedRouteTests"/>'; the card coming back marked, and ownership of records, are each capability's tests.
/// </summary>
public sealed class HostileActivityTests(HostileActivityTests.Host host) : IClassFixture<HostileActivityTests.Host>
{
    private static readonly TestPerson Everyone = TestPerson.Unique("all-roles", "Robin Holt");

    public static TheoryData<string> Verbs { get; } = [.. VerbsOfTheBot()];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Every_button_pressed_with_hostile_data_gets_a_clear_answer(string verb)
    {
        var bot = host.ForTest();
        var someone = TestPerson.Unique("no-roles", "Kit Lane");
        var hostile = HostileData().ToList();
        var sent = new List<JsonObject>();

        // Someone in every role presses with every hostile value on every key, as Action.Execute. The wrong kinds also go
        // as Action.Submit, whose values are read from a message; past that reading both reach the same handler. Someone
        // in no role tries the ids (refusals by role, with nothing written, are GuardedRouteTests').
        sent.AddRange(hostile.Select(data => Press(bot, verb, data, Everyone)));
        sent.AddRange(hostile.Take(1 + WrongKinds.Length).Select(data => Submit(bot, verb, data, Everyone)));
        sent.AddRange(hostile.Take(1).Concat(hostile.TakeLast(HostileIds.Length)).Select(data => Press(bot, verb, data, someone)));

        await AssertClearAnswersAsync(bot, sent);
    }

    [Fact]
    public async Task Everyday_activities_with_one_part_broken_get_a_clear_answer()
    {
        var bot = host.ForTest();
        var random = new Random(20261203);
        foreach (var seed in EverydayActivities(bot.Connector.ServiceUrl))
        {
            foreach (var (path, mutation) in Paths(seed).Where(p => p.Length > 0)
                .SelectMany(path => Enumerable.Range(0, 3).Select(_ => (path, Mutations[random.Next(Mutations.Length)]))))
            {
                var broken = (JsonObject)seed.DeepClone();
                broken["id"] = "f:" + Guid.NewGuid().ToString("N");
                Apply(broken, path, mutation);

                await AssertClearAnswerAsync(bot, broken);
            }
        }
    }

    /// <summary>Presses whose other data gets past the handler's first checks, so the blank id is what it has to deal with.</summary>
    [Theory]
    [InlineData("review.notes", """{"managerId":"","agree":true}""")]
    [InlineData("review.notes", """{"managerId":"   ","agree":"true"}""")]
    [InlineData("review.mine.comment", """{"managerId":"","reviewId":"","commentId":"c1","comment":"Thanks"}""")]
    [InlineData("review.mine.open", """{"managerId":"","reviewId":"","show":"acknowledge"}""")]
    public async Task A_press_with_a_blank_id_past_the_first_checks_gets_a_clear_answer(string verb, string data)
    {
        var bot = host.ForTest();
        var person = TestPerson.Unique("blank-id", "Ash Reed");

        await AssertClearAnswerAsync(bot, TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, verb, JsonNode.Parse(data)!.AsObject(), person.ChatId).From(person));
    }

    [Fact]
    public void Every_card_button_the_bot_routes_is_among_those_pressed()
    {
        var pressed = VerbsOfTheBot().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var routes = host.Bot.Services.GetRequiredService<BotRouter>().Routes.All();

        Assert.Empty(routes.Where(route => route.Kind == RouteKinds.CardAction && !pressed.Contains(route.Name)).Select(route => route.Name));
    }

    private static JsonObject Press(BotTestHost bot, string verb, JsonObject data, TestPerson person) =>
        TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, verb, (JsonObject)data.DeepClone(), person.ChatId, cardActivityId: "1:" + Guid.NewGuid().ToString("N"))
            .From(person);

    private static JsonObject Submit(BotTestHost bot, string verb, JsonObject data, TestPerson person)
    {
        var submit = TeamsActivities.SubmitAction(bot.Connector.ServiceUrl, verb, "1:" + Guid.NewGuid().ToString("N"), person.ChatId).From(person);
        foreach (var (key, value) in data)
        {
            submit["value"]![key] = value?.DeepClone();
        }

        return submit;
    }

    /// <summary>
    /// Posts the activities a few at a time and checks each answer; if anything logged an error meanwhile, posts them again
    /// one by one, so the failure names the activity that caused it.
    /// </summary>
    private async Task AssertClearAnswersAsync(BotTestHost bot, IReadOnlyList<JsonObject> activities)
    {
        host.Errors.Clear();
        await Parallel.ForEachAsync(activities, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (activity, _) =>
            AssertNotServerError(activity, await bot.PostActivityAsync((JsonObject)activity.DeepClone())));
        if (!host.Errors.IsEmpty)
        {
            foreach (var activity in activities)
            {
                activity["id"] = "again:" + Guid.NewGuid().ToString("N");
                await AssertClearAnswerAsync(bot, activity);
            }

            Assert.Fail($"logged, with the activities posted together: {string.Join("\n", host.Errors)}");
        }
    }

    private async Task AssertClearAnswerAsync(BotTestHost bot, JsonObject activity)
    {
        host.Errors.Clear();

        AssertNotServerError(activity, await bot.PostActivityAsync(activity));
        Assert.True(host.Errors.IsEmpty, $"logged {string.Join("\n", host.Errors)}\nfor {activity.ToJsonString()}");
    }

    private static void AssertNotServerError(JsonObject activity, HttpResponseMessage response)
    {
        // 501 is the Bot Framework's answer to an invoke no handler takes (a task module fetch, say).
        var unhandledInvoke = response.StatusCode == HttpStatusCode.NotImplemented
            && activity["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)activity["type"] == "invoke"
            && (activity["name"] as JsonValue)?.ToString() != BotRouter.AdaptiveCardActionInvoke;
        Assert.True(
            (int)response.StatusCode < 500 || unhandledInvoke,
            $"{(int)response.StatusCode} for {activity.ToJsonString()}");
    }

    /// <summary>The constants of every <c>…Verbs</c> class, and every other constant named <c>…Verb</c>.</summary>
    private static IEnumerable<string> VerbsOfTheBot() =>
        typeof(BotRouter).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(field => type.Name.EndsWith("Verbs", StringComparison.Ordinal) || field.Name.EndsWith("Verb", StringComparison.Ordinal)))
            .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Distinct()
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// Every input id and data key our cards use, given each value of the wrong kind and each hostile string in turn (the
    /// values shifted one key along each time, so every key gets every value and neighbouring keys get different ones).
    /// </summary>
    private static IEnumerable<JsonObject> HostileData()
    {
        var keys = CardKeys.All;
        yield return new JsonObject();
        for (var shift = 0; shift < WrongKinds.Length; shift++)
        {
            yield return Filled(keys, (key, i) => WrongKinds[(i + shift) % WrongKinds.Length]());
        }

        for (var shift = 0; shift < HostileStrings.Length; shift++)
        {
            yield return Filled(keys, (key, i) => HostileStrings[(i + shift) % HostileStrings.Length]);
        }

        // Everything else as a card sends it, so the checks before an id is used pass and the id itself is what is tried.
        foreach (var id in HostileIds)
        {
            yield return Filled(keys, (key, _) => CardKeys.IsId(key) ? id : CardKeys.Plausible(key));
        }
    }

    private static readonly string[] HostileIds = ["", "   ", "x/y\\z#w?v", "\u0000", "outbox|forged", new string('z', 2000)];

    private static JsonObject Filled(IReadOnlyList<string> keys, Func<string, int, JsonNode?> value)
    {
        var data = new JsonObject();
        for (var i = 0; i < keys.Count; i++)
        {
            data[keys[i]] = value(keys[i], i);
        }

        return data;
    }

    private static readonly Func<JsonNode?>[] WrongKinds =
    [
        () => null, () => JsonValue.Create(-1), () => JsonValue.Create(1e308), () => JsonValue.Create(true),
        () => new JsonArray("a", 1), () => new JsonObject { ["nested"] = new JsonObject() }, () => JsonValue.Create(""),
    ];

    private static readonly string[] HostileStrings =
    [
        "x/y\\z#w?v", "' or PartitionKey ne '", new string('z', 100_000), "   ", "\t\r\n", "\u0000\u0001\u001f", "../../etc/passwd",
        "<script>alert(1)</script>", "${$root.secret}", "9999-99-99", "-1", "NaN", "\ud83d\ude00 \u202e reversed",
        "29:someone-else", "2026-02-30", "1e400", "1900-01-01", "9999-12-31", "2147483648",
    ];

    private static IEnumerable<JsonObject> EverydayActivities(string serviceUrl)
    {
        yield return TeamsActivities.Message(serviceUrl, "help").From(Everyone);
        yield return TeamsActivities.Message(serviceUrl, "how do I book on the care certificate?").From(Everyone);
        yield return TeamsActivities.ChannelMention(serviceUrl, "help");
        yield return TeamsActivities.GroupChatMention(serviceUrl, "what is the five minute review?");
        yield return TeamsActivities.Base("messageReaction", serviceUrl, null)
            .With("replyToId", "1:card")
            .With("reactionsAdded", new JsonArray(new JsonObject { ["type"] = "like" }));
        yield return TeamsActivities.BotAdded(serviceUrl)
            .With("channelData", new JsonObject
            {
                ["eventType"] = "teamMemberAdded",
                ["team"] = new JsonObject { ["id"] = "19:hub@thread.tacv2", ["name"] = "Learning Hub" },
                ["tenant"] = new JsonObject { ["id"] = TeamsActivities.TenantId },
            });
        yield return TeamsActivities.BotAdded(serviceUrl);
        yield return TeamsActivities.InstallationUpdate(serviceUrl);
        yield return TeamsActivities.ExecuteAction(serviceUrl, "ask.rate", new JsonObject { ["rating"] = "helpful", ["questionId"] = "q1" }).From(Everyone);
        yield return TeamsActivities.SubmitAction(serviceUrl, "review.start", "1:card");
        yield return TeamsActivities.ExecuteAction(serviceUrl, "ask.article", new JsonObject { ["id"] = "care-certificate" }, trigger: "automatic").From(Everyone);
        yield return TeamsActivities.Invoke(serviceUrl, "task/fetch", new JsonObject { ["data"] = new JsonObject { ["verb"] = "help" } });
    }

    private static readonly Func<JsonNode?>[] Mutations = [.. WrongKinds, () => JsonValue.Create(new string('z', 20_000)), () => Missing];

    /// <summary>Stands for "take the member away" in <see cref="Mutations"/>.</summary>
    private static readonly JsonValue Missing = JsonValue.Create("\u0000missing\u0000");

    private static IEnumerable<object[]> Paths(JsonNode? node, params object[] path)
    {
        yield return path;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var inner in Paths(value, [.. path, key]))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var inner in Paths(array[i], [.. path, i]))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static void Apply(JsonNode root, object[] path, Func<JsonNode?> mutation)
    {
        var parent = root;
        foreach (var step in path[..^1])
        {
            parent = step is string key ? parent[key]! : parent[(int)step]!;
        }

        var value = mutation();
        switch (parent, path[^1])
        {
            case (JsonObject obj, string key) when ReferenceEquals(value, Missing):
                obj.Remove(key);
                break;
            case (JsonObject obj, string key):
                obj[key] = value;
                break;
            case (JsonArray array, int index) when ReferenceEquals(value, Missing):
                array.RemoveAt(index);
                break;
            case (JsonArray array, int index):
                array[index] = value;
                break;
        }
    }

    /// <summary>The bot with one person in every role, recording every error it logs.</summary>
    public sealed class Host : BotHostFixture
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        protected override IReadOnlyDictionary<string, string?>? Settings =>
            typeof(RoleOptions).GetProperties()
                .Where(property => property.PropertyType == typeof(IReadOnlyList<string>))
                .ToDictionary(property => $"Roles:{property.Name}:0", _ => (string?)Everyone.AadObjectId);

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddLogging(logging => logging.AddProvider(new LogCollector(Errors, LogLevel.Error)));
    }
}
