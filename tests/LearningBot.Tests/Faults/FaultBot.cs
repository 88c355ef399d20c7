using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LearningBot.Tests.Faults;

/// <summary>
/// The real bot (every service, through <c>/api/messages</c>) with its storage (tables and queues) behind
/// <see cref="FaultProxy"/>s in front of Azurite, timed the way the bot's stated limits are put: it starts within <see cref="StartLimit"/> and
/// answers every turn within <see cref="TurnLimit"/>, whatever storage or the Bot Connector does, and never answers
/// the Bot Connector with a 5xx.
/// </summary>
public sealed class FaultBot : IAsyncDisposable
{
    /// <summary>The bot must be up and answering within this, with storage in any state.</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(15);

    /// <summary>Every turn must be answered within this, with storage or the connector in any state.</summary>
    public static readonly TimeSpan TurnLimit = TimeSpan.FromSeconds(5);

    public const string Question = "Is there funding for a Level 3 diploma in adult care for our bank staff?";

    private readonly ITestOutputHelper _output;
    private readonly string _label;

    private FaultBot(BotTestHost bot, FaultProxy proxy, FaultProxy queueProxy, TimeSpan started, ITestOutputHelper output, string label)
    {
        Bot = bot;
        Proxy = proxy;
        QueueProxy = queueProxy;
        Started = started;
        _output = output;
        _label = label;
    }

    public BotTestHost Bot { get; }

    /// <summary>In front of the Table service.</summary>
    public FaultProxy Proxy { get; }

    /// <summary>In front of the Queue service, in the same mode as <see cref="Proxy"/>: one storage account fails as a whole.</summary>
    public FaultProxy QueueProxy { get; }

    public FakeConnector Connector => Bot.Connector;

    /// <summary>How long the bot took to start.</summary>
    public TimeSpan Started { get; }

    /// <summary>Starts the proxy in <paramref name="mode"/> and the bot behind it, and times the start.</summary>
    public static async Task<FaultBot> StartAsync(
        AzuriteFixture azurite, ITestOutputHelper output, string label, FaultMode mode = FaultMode.PassThrough, TimeSpan? delay = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var proxy = FaultProxy.Start(azurite.Port);
        var queueProxy = FaultProxy.Start(azurite.QueuePort);
        proxy.Set(mode, delay);
        queueProxy.Set(mode, delay);
        var all = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = AzuriteFixture.ConnectionStringThrough(proxy.Port, queueProxy.Port),
            ["Roles:SupportTeam:0"] = "29:sam-patel",
            ["Storage:TurnBudget"] = "00:00:03", // the shipped limits, which these tests time
            ["Storage:NetworkTimeout"] = "00:00:02",
            ["Outbox:ScanInterval"] = "00:00:00.5",
            ["Outbox:FirstRetryDelay"] = "00:00:01",
            ["Outbox:MaxRetryDelay"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var bot = await BotTestHost.StartAsync(azurite, all, services);
        var started = watch.Elapsed;
        output.WriteLine($"[{label}] start: {started.TotalSeconds:0.00} s");
        return new FaultBot(bot, proxy, queueProxy, started, output, label);
    }

    /// <summary>Posts a turn and times it; asserts it was answered in time and without a server error.</summary>
    public async Task<(HttpResponseMessage Response, TimeSpan Took)> TurnAsync(string name, JsonObject activity)
    {
        var watch = Stopwatch.StartNew();
        var response = await Bot.PostActivityAsync(activity);
        var took = watch.Elapsed;
        _output.WriteLine($"[{_label}] {name}: HTTP {(int)response.StatusCode} in {took.TotalSeconds:0.00} s");
        Assert.True((int)response.StatusCode < 500, $"{name} was answered {(int)response.StatusCode}");
        Assert.True(took <= TurnLimit, $"{name} took {took.TotalSeconds:0.00} s");
        return (response, took);
    }

    /// <summary><c>help</c> in the asker's 1:1 chat: answered 200, with the welcome card sent.</summary>
    public async Task<TimeSpan> HelpAsync(bool expectCard = true)
    {
        var before = Connector.Sent.Count;
        var (response, took) = await TurnAsync("help", TeamsActivities.Message(Connector.ServiceUrl, "help", AskerChat));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (expectCard)
        {
            var reply = Assert.Single(Connector.Sent.Skip(before));
            var card = Assert.Single(reply.Activity.Attachments ?? []).Content!.ToJsonString();
            Assert.Contains("Ask a learning question", card, StringComparison.Ordinal);
        }

        return took;
    }

    /// <summary>A question in the asker's chat: answered 200, with an answer sent (rated or not, storage permitting).</summary>
    public async Task<TimeSpan> AskAsync(bool expectReply = true)
    {
        var before = Connector.Sent.Count;
        var (response, took) = await TurnAsync("question", TeamsActivities.Message(Connector.ServiceUrl, "How do I book moving and handling training?", AskerChat));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (expectReply)
        {
            Assert.Single(Connector.Sent.Skip(before));
        }

        return took;
    }

    /// <summary>The ask form sent to the L&amp;D team (a turn that needs storage): returns the invoke's answer body.</summary>
    public async Task<(JsonObject Body, TimeSpan Took)> EscalateAsync(string clientToken)
    {
        var data = new JsonObject { ["clientToken"] = clientToken, ["question"] = Question, ["context"] = string.Empty };
        var (response, took) = await TurnAsync("escalate", TeamsActivities.ExecuteAction(Connector.ServiceUrl, EscalationVerbs.Submit, data, AskerChat));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await BotTestHost.ReadJsonAsync(response), took);
    }

    /// <summary>Sam (on the support team) makes the channel the expert channel.</summary>
    public async Task SetExpertChannelAsync()
    {
        var activity = TeamsActivities.ChannelMention(Connector.ServiceUrl, "set expert channel");
        activity["from"] = new JsonObject { ["id"] = "29:sam-patel", ["name"] = "Sam Patel", ["aadObjectId"] = "3c9d5e2f-6071-4d84-9eaf-2b4a5c6d7e83" };
        await TurnAsync("set expert channel", activity);
    }

    public string AskerChat { get; } = "a:" + Guid.NewGuid().ToString("N");

    /// <summary>The body is the apology of a failed turn: a message quoting a reference.</summary>
    public static void AssertApology(JsonObject body)
    {
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]?.GetValue<string>());
        Assert.Matches("quote reference [0-9a-f]{8}", body["value"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Proxy.DisposeAsync();
        await QueueProxy.DisposeAsync();
    }

    /// <summary>Puts the whole storage account (tables and queues) into <paramref name="mode"/>.</summary>
    public void StorageIs(FaultMode mode)
    {
        Proxy.Set(mode);
        QueueProxy.Set(mode);
    }
}
