using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector.Client;
using LearningBot.BotHost;
using LearningBot.OneStopShop.Knowledge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Support;

/// <summary>
/// The real bot host (same services, same endpoints) on an in-memory server, with its storage in Azurite
/// and its outbound connector calls landing in a <see cref="FakeConnector"/>.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BotTestHost(WebApplication app, FakeConnector connector)
    {
        _app = app;
        Connector = connector;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public FakeConnector Connector { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BotTestHost> StartAsync(
        AzuriteFixture azurite,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool httpsConnector = false,
        string connectorBasePath = "/_connector")
    {
        var connector = await FakeConnector.StartAsync(https: httpsConnector, basePath: connectorBasePath);
        var arguments = new Dictionary<string, string?>(FakeConnectorClients.FastRetries.Concat(azurite.Settings))
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["environment"] = "Development",

            // A test class's turns post to the same few conversations many times a second, often on a manual clock that
            // never reaches the next second, where each token of the frozen second is due a little later than the last.
            // Teams' limits (50 a second per tenant; 7 a second, 8 in 2 s, 60 in 30 s per conversation) would hold those
            // posts back; the limits themselves are tested on their own.
            // Behaviour tests are not about the storage time a turn may spend (the fault-injection tests and
            // StorageTimeLimitTests hold the shipped 3 s): on a busy 2-core test machine a turn's calls can queue past it.
            ["Storage:TurnBudget"] = "00:00:10",
            ["Storage:NetworkTimeout"] = "00:00:05",
            ["Delivery:Budget:PerSecond"] = "100000",
            ["Delivery:Budget:BlockSize"] = "1000",
            ["Delivery:Budget:PerConversationPerSecond"] = "1000",
            ["Delivery:Budget:PerConversationPer2Seconds"] = "1000",
            ["Delivery:Budget:PerConversationPer30Seconds"] = "10000",
            ["Delivery:Budget:PerConversationPerHour"] = "100000",

            // Answers by words alone unless a test asks for the embedding model: an answer must not depend on whether the
            // model, loading in the background, is ready yet. OneStopShop/Meaning tests run the model itself.
            ["OneStopShop:Hybrid:Model"] = HybridOptions.None,

            // The 75 sample offers are written to storage at every start of a bot with tables of its own (some 190 in a
            // run); only the tests of the sample itself ask for them.
            ["LearningDirectory:SeedSample"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            arguments[key] = value;
        }

        var app = LearningBotHost.Build(
            [.. arguments.Where(pair => pair.Value is not null).Select(pair => $"--{pair.Key}={pair.Value}")],
            builder =>
            {
                builder.WebHost.UseTestServer();
                if (httpsConnector)
                {
                    builder.Services.AddHttpClient(ConnectorClientFactory.HttpClientName)
                        .ConfigurePrimaryHttpMessageHandler(connector.CreateRoutingHandler);
                }

                services?.Invoke(builder.Services);
            });
        await app.StartAsync();
        return new BotTestHost(app, connector);
    }

    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? token = null) =>
        PostRawAsync(activity.ToJsonString(), token);

    public Task<HttpResponseMessage> PostRawAsync(string body, string? token = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request);
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject()
        ?? throw new InvalidOperationException("The response had no JSON body.");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

/// <summary>Teams-shaped activities for tests, in the wire format Teams sends.</summary>
public static class TeamsActivities
{
    public const string BotId = "28:learningbot";
    public const string TenantId = "72f988bf-0000-4000-8000-2d7cd011db47";

    /// <summary>A message in a 1:1 chat (a new one unless <paramref name="conversationId"/> is given), from Alex unless changed with <see cref="From"/>.</summary>
    public static JsonObject Message(string serviceUrl, string text, string? conversationId = null) =>
        Base("message", serviceUrl, conversationId)
            .With("text", text)
            .With("textFormat", "plain");

    /// <summary>An @mention of the bot in the General channel of the Learning Hub team; a message names the channel by id only.</summary>
    public static JsonObject ChannelMention(string serviceUrl, string text)
    {
        var activity = Mention(serviceUrl, text, "19:hub@thread.tacv2;messageid=1700000000000", "channel");
        activity["channelData"]!["team"] = new JsonObject { ["id"] = "19:hub@thread.tacv2", ["name"] = "Learning Hub" };
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = "19:hub@thread.tacv2" };
        return activity;
    }

    /// <summary>A message in a group chat, where Teams delivers only what @mentions the bot.</summary>
    public static JsonObject GroupChatMention(string serviceUrl, string text) =>
        Mention(serviceUrl, text, "19:meeting-carehome-supervisors@thread.v2", "groupChat");

    private static JsonObject Mention(string serviceUrl, string text, string conversationId, string conversationType)
    {
        var activity = Base("message", serviceUrl, conversationId);
        activity["conversation"]!["conversationType"] = conversationType;
        activity["conversation"]!["isGroup"] = true;
        activity["text"] = $"<at>LearningBot</at> {text}";
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>LearningBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "LearningBot" },
        });
        return activity;
    }

    public static JsonObject InstallationUpdate(string serviceUrl, string action = "add", string? conversationId = null) =>
        Base("installationUpdate", serviceUrl, conversationId).With("action", action);

    public static JsonObject BotAdded(string serviceUrl, string? conversationId = null) =>
        Base("conversationUpdate", serviceUrl, conversationId)
            .With("membersAdded", new JsonArray(new JsonObject { ["id"] = BotId }));

    /// <summary>
    /// An Action.Execute press, as Teams sends it: <paramref name="cardActivityId"/> is the message the card is on (the
    /// invoke's <c>replyToId</c>); a <paramref name="trigger"/> of <c>automatic</c> is a refresh rather than a press.
    /// </summary>
    public static JsonObject ExecuteAction(
        string serviceUrl, string verb, JsonObject? data = null, string? conversationId = null, string? cardActivityId = null, string trigger = "manual")
    {
        var activity = Base("invoke", serviceUrl, conversationId)
            .With("name", "adaptiveCard/action")
            .With("value", new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
                ["trigger"] = trigger,
            });
        return cardActivityId is null ? activity : activity.With("replyToId", cardActivityId);
    }

    public static JsonObject SubmitAction(string serviceUrl, string verb, string cardActivityId, string? conversationId = null) =>
        Base("message", serviceUrl, conversationId)
            .With("replyToId", cardActivityId)
            .With("value", new JsonObject { ["verb"] = verb });

    public static JsonObject Invoke(string serviceUrl, string name, JsonNode? value = null) =>
        Base("invoke", serviceUrl, null).With("name", name).With("value", value ?? new JsonObject());

    public static JsonObject Base(string type, string serviceUrl, string? conversationId) => new()
    {
        ["type"] = type,
        ["id"] = "f:" + Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = TestPerson.Alex.AccountJson(),
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "LearningBot" },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId ?? "a:" + Guid.NewGuid().ToString("N"),
            ["conversationType"] = "personal",
            ["tenantId"] = TenantId,
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        ["locale"] = "en-GB",
    };

    public static JsonObject With(this JsonObject activity, string name, JsonNode? value)
    {
        activity[name] = value;
        return activity;
    }

    /// <summary>The activity as <paramref name="person"/> sends it.</summary>
    public static JsonObject From(this JsonObject activity, TestPerson person) => activity.With("from", person.AccountJson());

    /// <summary>The activity in <paramref name="person"/>'s 1:1 chat with the bot.</summary>
    public static JsonObject InChatOf(this JsonObject activity, TestPerson person)
    {
        activity["conversation"]!["id"] = person.ChatId;
        return activity;
    }

    public static string Id(this JsonObject activity) => activity["id"]!.GetValue<string>();

    public static string ConversationId(this JsonObject activity) => activity["conversation"]!["id"]!.GetValue<string>();

    public static string Serialize(this JsonObject activity) => activity.ToJsonString(new JsonSerializerOptions());
}
