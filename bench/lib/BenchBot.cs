// The real bot on Kestrel (storage in the Azurite given by Storage__ConnectionString) with a Bot Connector stand-in
// that accepts every send, and the Teams side of a conversation: activities, button presses, per-step timings.
// Compiled into the benches that time a capability's turns step by step (ReviewBench, SignalBench).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.BotHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LearningBot.Bench;

public sealed class BenchBot : IAsyncDisposable
{
    private readonly WebApplication _connector;
    private readonly WebApplication _bot;
    private readonly HttpClient _http;
    private readonly ConcurrentQueue<JsonObject> _sent = new();
    private int _sends;

    private BenchBot(WebApplication connector, WebApplication bot, string serviceUrl)
    {
        _connector = connector;
        _bot = bot;
        ServiceUrl = serviceUrl;
        _http = new HttpClient { BaseAddress = new Uri(Address(bot)) };
    }

    public string ServiceUrl { get; }

    public IServiceProvider Services => _bot.Services;

    /// <summary>Activities the bot sent through the connector (replies, proactive messages, channel posts).</summary>
    public int Sends => Volatile.Read(ref _sends);

    /// <summary>The activities the connector was sent, oldest first (only when started with <c>keepSent</c>).</summary>
    public IReadOnlyCollection<JsonObject> Sent => _sent;

    /// <summary>Starts the connector stand-in and the bot (Development, warnings only, plus <paramref name="settings"/>).</summary>
    public static async Task<BenchBot> StartAsync(IEnumerable<string> settings, bool keepSent = false)
    {
        var connectorBuilder = WebApplication.CreateSlimBuilder();
        connectorBuilder.Logging.ClearProviders();
        connectorBuilder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var connector = connectorBuilder.Build();
        BenchBot? self = null;
        connector.Run(async context =>
        {
            Interlocked.Increment(ref self!._sends);
            if (keepSent && HttpMethods.IsPost(context.Request.Method) && await JsonNode.ParseAsync(context.Request.Body) is JsonObject sent)
            {
                sent["_path"] = context.Request.Path.Value;
                self._sent.Enqueue(sent);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"id\":\"" + Guid.NewGuid().ToString("N") + "\"}");
        });
        await connector.StartAsync();

        var bot = LearningBotHost.Build([
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            "--Logging:LogLevel:Default=Warning",
            // These benches time capabilities that never ask the one-stop shop. A fresh Azurite has no cached article
            // vectors, so the model would spend the first half minute embedding the knowledge base beside the timed turns.
            "--OneStopShop:Hybrid:Model=none",
            .. settings,
        ]);
        await bot.StartAsync();
        self = new BenchBot(connector, bot, Address(connector) + "/_connector");
        return self;
    }

    public static JsonObject Person(string teamsId, string name, string aadObjectId) =>
        new() { ["id"] = teamsId, ["name"] = name, ["aadObjectId"] = aadObjectId };

    /// <summary>An msteams activity from <paramref name="from"/> in a personal conversation (or the one <paramref name="fill"/> sets).</summary>
    public JsonObject Activity(string type, JsonObject from, string conversationId, Action<JsonObject> fill)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = from.DeepClone(),
            ["recipient"] = new JsonObject { ["id"] = "28:learningbot", ["name"] = "LearningBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "bench" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "bench" } },
        };
        fill(activity);
        return activity;
    }

    /// <summary>Posts a message from the person in their 1:1 chat.</summary>
    public Task<JsonObject> SayAsync(JsonObject from, string text, List<double>? times = null) =>
        TimedPostAsync(Activity("message", from, "a:" + from["id"]!.GetValue<string>(), a => a["text"] = text), times);

    /// <summary>
    /// Presses the button with <paramref name="verb"/> on <paramref name="card"/> as Teams sends it: the button's data
    /// merged with the values the card's inputs hold, with <paramref name="inputs"/> typed over them.
    /// </summary>
    public Task<JsonObject> PressOnCardAsync(JsonObject from, JsonObject card, string verb, JsonObject inputs, List<double>? times = null)
    {
        var action = FindAction(card, verb) ?? throw new InvalidOperationException($"No {verb} button on {Shorten(card)}");
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in InputValues(card).Concat(inputs))
        {
            data[key] = value?.DeepClone();
        }

        return PressAsync(from, verb, data, times);
    }

    /// <summary>An Action.Execute with <paramref name="verb"/> and <paramref name="data"/>; the card the invoke answered with.</summary>
    public async Task<JsonObject> PressAsync(JsonObject from, string verb, JsonObject data, List<double>? times = null)
    {
        var activity = Activity("invoke", from, "a:" + from["id"]!.GetValue<string>(), a =>
        {
            a["name"] = "adaptiveCard/action";
            a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };
        });
        var body = await TimedPostAsync(activity, times);
        return body["value"] as JsonObject ?? throw new InvalidOperationException($"{verb} answered {body.ToJsonString()}");
    }

    public async Task<JsonObject> TimedPostAsync(JsonObject activity, List<double>? times)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await PostAsync(activity);
        times?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return body;
    }

    public async Task<JsonObject> PostAsync(JsonObject activity)
    {
        using var response = await _http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public static JsonObject? FindAction(JsonNode? node, string verb) => node switch
    {
        JsonObject obj when obj["type"]?.GetValue<string>() == "Action.Execute" && obj["verb"]?.GetValue<string>() == verb => obj,
        JsonObject obj => obj.Select(p => FindAction(p.Value, verb)).FirstOrDefault(a => a is not null),
        JsonArray array => array.Select(n => FindAction(n, verb)).FirstOrDefault(a => a is not null),
        _ => null,
    };

    /// <summary>The values the card's inputs show (those that have one).</summary>
    public static IEnumerable<KeyValuePair<string, JsonNode?>> InputValues(JsonNode? node) => node switch
    {
        JsonObject obj when obj["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal)
            && obj["id"]?.GetValue<string>() is { } id && obj["value"] is { } value => [new(id, value)],
        JsonObject obj => obj.SelectMany(p => InputValues(p.Value)),
        JsonArray array => array.SelectMany(InputValues),
        _ => [],
    };

    /// <summary>Makes a team channel the L&amp;D channel, as a member of the L&amp;D Support Team would with <c>set expert channel</c>.</summary>
    public Task ChooseTheLdChannelAsync(JsonObject supportTeamMember)
    {
        const string channel = "19:hub@thread.tacv2";
        return PostAsync(Activity("message", supportTeamMember, channel + ";messageid=1", a =>
        {
            a["conversation"]!["conversationType"] = "channel";
            a["conversation"]!["isGroup"] = true;
            a["channelData"]!["team"] = new JsonObject { ["id"] = channel, ["name"] = "Learning Hub" };
            a["channelData"]!["channel"] = new JsonObject { ["id"] = channel, ["name"] = "General" };
            a["text"] = "<at>LearningBot</at> set expert channel";
            a["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = "<at>LearningBot</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:learningbot", ["name"] = "LearningBot" },
            });
        }));
    }

    /// <summary>Stops the bench when a card does not say what the step should have made it say.</summary>
    public static void Expect(JsonObject card, string words, string problem)
    {
        if (!card.ToJsonString().Contains(words, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{problem}: {Shorten(card)}");
        }
    }

    public static string Shorten(JsonNode node)
    {
        var text = node.ToJsonString();
        return text[..Math.Min(400, text.Length)];
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _bot.StopAsync();
        await _connector.StopAsync();
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}

/// <summary>Timings of each named step, printed as a p50/p99/max table and written as JSON.</summary>
public sealed class StepTimings(IReadOnlyList<string> steps)
{
    private readonly Dictionary<string, List<double>> _times = steps.ToDictionary(s => s, _ => new List<double>());

    /// <summary>Adds one time of one step.</summary>
    public void Add(string step, double milliseconds) => _times[step].Add(milliseconds);

    /// <summary>Adds one run's times, in the order of the steps.</summary>
    public void Add(IReadOnlyList<double> times)
    {
        for (var s = 0; s < steps.Count; s++)
        {
            _times[steps[s]].Add(times[s]);
        }
    }

    public async Task ReportAsync(string output, JsonObject report, string runs)
    {
        report["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}";
        report["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject
        {
            ["step"] = s,
            ["p50ms"] = Percentile(_times[s], 0.50),
            ["p99ms"] = Percentile(_times[s], 0.99),
            ["maxms"] = Math.Round(_times[s].Max(), 1),
        })]);
        var width = Math.Max(8, steps.Max(s => s.Length));
        Console.WriteLine($"{"step".PadRight(width)} {"p50 ms",8} {"p99 ms",8} {"max ms",8}   ({runs})");
        foreach (var s in steps)
        {
            Console.WriteLine($"{s.PadRight(width)} {Percentile(_times[s], 0.50),8:F1} {Percentile(_times[s], 0.99),8:F1} {_times[s].Max(),8:F1}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Count - 1)], 1);
    }
}

/// <summary>The command line's <c>--name value</c> options.</summary>
public sealed class BenchArguments(string[] args)
{
    public int Int(string name, int fallback) =>
        String(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string? String(string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
