// Runs whole Five Minute Reviews against the real bot on Kestrel (storage in the Azurite given by
// Storage__ConnectionString) and reports p50/p99 latency per step. Usage:
//   dotnet ReviewBench.dll [--reviews 200] [--warmup 10] [--out artifacts/bench/review.json]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.BotHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var reviews = IntArgument("--reviews", 200);
var warmup = IntArgument("--warmup", 10);
var output = StringArgument("--out", null) ?? "artifacts/bench/review.json";

// A Bot Connector stand-in that accepts every send, so confirming can deliver the person's copy.
var connectorBuilder = WebApplication.CreateSlimBuilder();
connectorBuilder.Logging.ClearProviders();
connectorBuilder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
var connector = connectorBuilder.Build();
var sends = 0;
connector.Run(async context =>
{
    Interlocked.Increment(ref sends);
    context.Response.ContentType = "application/json";
    await context.Response.WriteAsync("{\"id\":\"" + Guid.NewGuid().ToString("N") + "\"}");
});
await connector.StartAsync();
var serviceUrl = connector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/_connector";

var bot = LearningBotHost.Build([
    "--urls=http://127.0.0.1:0",
    "--environment=Development",
    "--Logging:LogLevel:Default=Warning",
    "--FiveMinuteReview:RemindersEnabled=false",
    "--FiveMinuteReview:PublicBaseUrl=https://learningbot.example.org",
]);
await bot.StartAsync();
var botUrl = bot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient { BaseAddress = new Uri(botUrl) };

var manager = new JsonObject { ["id"] = "29:priya-shah", ["name"] = "Priya Shah", ["aadObjectId"] = "0f6a2b9c-3d4e-4a51-8b7c-9e1d2f3a4b50" };
string[] people =
[
    "1a7b3c0d-4e5f-4b62-9c8d-0f2e3a4b5c61", "2b8c4d1e-5f60-4c73-8d9e-1a3f4b5c6d72", "3c9d5e2f-6071-4d84-9eaf-2b4a5c6d7e83",
    "local:c4e8a2f6-0b1d-4e3a-9f57-2a6c8e0b4d19", "local:d5f9b3a7-1c2e-4f4b-8a68-3b7d9f1c5e2a",
];
// Each person says hello once so the bot can reach them at confirm.
foreach (var aad in people.Where(p => !p.StartsWith("local:", StringComparison.Ordinal)))
{
    await PostAsync(Activity("message", new JsonObject { ["id"] = "29:" + aad, ["name"] = "Colleague", ["aadObjectId"] = aad }, "a:" + aad, a => a["text"] = "hello"));
}

string[] steps = ["team", "open", "step 1", "step 2", "step 3", "step 4", "confirm"];
var timings = steps.ToDictionary(s => s, _ => new List<double>());
var objectiveDay = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
var nextReview = DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
var total = Stopwatch.StartNew();
for (var i = 0; i < warmup + reviews; i++)
{
    var measured = i >= warmup;
    var personId = people[i % people.Length];
    var times = new List<double>();
    var card = await PressAsync("review.start", [], times);
    card = await PressAsync("review.open", new JsonObject { ["personId"] = personId }, times);
    card = await PressOnCardAsync(card, "review.next", new JsonObject { ["wentWell"] = $"Review {i}: clear, calm handovers.", ["evenBetter"] = "Notes before the end of the shift." }, times);
    card = await PressOnCardAsync(card, "review.next", new JsonObject { ["personView"] = "Weekend staffing is hard.", ["carried0"] = "partly" }, times);
    card = await PressOnCardAsync(card, "review.next", new JsonObject { ["objective1What"] = "Finish the medicines e-learning", ["objective1When"] = objectiveDay }, times);
    card = await PressOnCardAsync(card, "review.next", new JsonObject { ["learningNeeds"] = "dementia", ["learningTopics"] = "the new hoist", ["overall"] = "on-track", ["wellbeing"] = "good" }, times);
    card = await PressOnCardAsync(card, "review.confirm", new JsonObject { ["nextReview"] = nextReview }, times);
    if (!card.ToJsonString().Contains("saved", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"Review {i} did not save: {card.ToJsonString()[..Math.Min(400, card.ToJsonString().Length)]}");
    }

    if (measured)
    {
        for (var s = 0; s < steps.Length; s++)
        {
            timings[steps[s]].Add(times[s]);
        }
    }
}

total.Stop();
var report = new JsonObject
{
    ["reviews"] = reviews,
    ["turnsPerReview"] = steps.Length,
    ["proactiveSends"] = sends,
    ["seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
    ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
    ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject
    {
        ["step"] = s,
        ["p50ms"] = Percentile(timings[s], 0.50),
        ["p99ms"] = Percentile(timings[s], 0.99),
        ["maxms"] = Math.Round(timings[s].Max(), 1),
    })]),
};
Console.WriteLine($"{"step",-8} {"p50 ms",8} {"p99 ms",8} {"max ms",8}   ({reviews} reviews, {reviews * steps.Length} turns, {total.Elapsed.TotalSeconds:F1} s)");
foreach (var s in steps)
{
    Console.WriteLine($"{s,-8} {Percentile(timings[s], 0.50),8:F1} {Percentile(timings[s], 0.99),8:F1} {timings[s].Max(),8:F1}");
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
await bot.StopAsync();
await connector.StopAsync();
return;

async Task<JsonObject> PressOnCardAsync(JsonObject card, string verb, JsonObject inputs, List<double> times)
{
    var action = FindAction(card, verb) ?? throw new InvalidOperationException($"No {verb} button on {card.ToJsonString()[..Math.Min(400, card.ToJsonString().Length)]}");
    var data = action["data"]!.DeepClone().AsObject();
    foreach (var (key, value) in inputs)
    {
        data[key] = value?.DeepClone();
    }

    return await PressAsync(verb, data, times);
}

async Task<JsonObject> PressAsync(string verb, JsonObject data, List<double> times)
{
    var activity = Activity("invoke", manager.DeepClone().AsObject(), "a:personal-priya", a =>
    {
        a["name"] = "adaptiveCard/action";
        a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };
    });
    var started = Stopwatch.GetTimestamp();
    var body = await PostAsync(activity);
    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    return body["value"] as JsonObject ?? throw new InvalidOperationException($"{verb} answered {body.ToJsonString()}");
}

async Task<JsonObject> PostAsync(JsonObject activity)
{
    using var response = await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
    response.EnsureSuccessStatusCode();
    var text = await response.Content.ReadAsStringAsync();
    return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
}

JsonObject Activity(string type, JsonObject from, string conversationId, Action<JsonObject> fill)
{
    var activity = new JsonObject
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = from,
        ["recipient"] = new JsonObject { ["id"] = "28:learningbot", ["name"] = "LearningBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "bench" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "bench" } },
    };
    fill(activity);
    return activity;
}

static JsonObject? FindAction(JsonNode? node, string verb) => node switch
{
    JsonObject obj when obj["type"]?.GetValue<string>() == "Action.Execute" && obj["verb"]?.GetValue<string>() == verb => obj,
    JsonObject obj => obj.Select(p => FindAction(p.Value, verb)).FirstOrDefault(a => a is not null),
    JsonArray array => array.Select(n => FindAction(n, verb)).FirstOrDefault(a => a is not null),
    _ => null,
};

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
    return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Count - 1)], 1);
}

int IntArgument(string name, int fallback) =>
    StringArgument(name, null) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? StringArgument(string name, string? fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
