// Runs good-practice examples through their journey against the real bot on Kestrel (storage in the Azurite given by
// Storage__ConnectionString) and reports p50/p99 latency per step. Each round is one example: a member of staff opens
// the sharing card from the welcome card, fills in its three steps, checks and sends it, and a good-practice editor
// approves it in the L&D channel; then someone looks for examples about a topic. Usage:
//   dotnet GoodPracticeBench.dll [--rounds 100] [--warmup 5] [--out artifacts/bench/good-practice.json]
using System.Diagnostics;
using System.Text.Json.Nodes;
using LearningBot.Bench;
using LearningBot.FeedbackSignals;
using LearningBot.GoodPractice;
using LearningBot.Leads;

var arguments = new BenchArguments(args);
var rounds = arguments.Int("--rounds", 100);
var warmup = arguments.Int("--warmup", 5);
var output = arguments.String("--out") ?? "artifacts/bench/good-practice.json";

var contributor = BenchBot.Person("29:ruth-ames", "Ruth Ames", "6b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e");
var editor = BenchBot.Person("29:sam-ito", "Sam Ito", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
await using var bot = await BenchBot.StartAsync(["--Roles:SupportTeam:0=" + editor["aadObjectId"]]);
await bot.ChooseTheLdChannelAsync(editor);

string[] steps = ["open share card", "step 1: the story", "step 2: what changed", "step 3: the details", "send to the editors", "approve", "good practice about <topic>"];
var timings = new StepTimings(steps);
var kinds = SignalChoices.OrganisationKinds;
var topics = SignalThemes.All;
var total = Stopwatch.StartNew();
for (var i = 0; i < warmup + rounds; i++)
{
    var times = new List<double>();
    var card = await bot.PressAsync(contributor, GoodPracticeVerbs.Share, [], times);
    if (BenchBot.FindAction(card, GoodPracticeVerbs.New) is not null)
    {
        throw new InvalidOperationException($"Round {i}: a draft was left from the round before: {BenchBot.Shorten(card)}");
    }

    card = await NextAsync(card, new JsonObject
    {
        [ShareInputs.Title] = $"A shared handover sheet for home visits ({i})",
        [ShareInputs.Problem] = "Volunteers arriving at a home did not know what the previous visitor had noticed.",
        [ShareInputs.WhatWeDid] = "Coordinators and two volunteer teams designed a one-page sheet left in the home.",
    }, times, "Step 2 of 4");
    card = await NextAsync(card, new JsonObject
    {
        [ShareInputs.WhatChanged] = "Missed concerns fell from 12 to 3 a quarter across 140 visits a week.",
        [ShareInputs.DoDifferently] = "We would involve families earlier; the first version used words they did not.",
    }, times, "Step 3 of 4");
    card = await NextAsync(card, new JsonObject
    {
        [ShareInputs.Contact] = GoodPracticeChoices.ContactMe,
        [ShareInputs.OrganisationName] = "Harbour Lane Community Trust",
        [ShareInputs.OrganisationKind] = kinds[i % kinds.Count].Value,
        [ShareInputs.Topics] = $"{topics[i % topics.Count].Id},{topics[(i + 3) % topics.Count].Id}",
        [ShareInputs.Consent] = "true",
        [ShareInputs.Attribution] = Attributions.OrganisationOnly,
    }, times, "Step 4 of 4");
    var exampleId = BenchBot.FindAction(card, GoodPracticeVerbs.Submit)!["data"]!["exampleId"]!.GetValue<string>();
    var sent = await bot.PressOnCardAsync(contributor, card, GoodPracticeVerbs.Submit, [], times);
    BenchBot.Expect(sent, "your example is with the good-practice editors", $"Round {i}: the example was not sent");

    var approved = await bot.PressAsync(editor, GoodPracticeVerbs.Approve, new JsonObject { ["exampleId"] = exampleId }, times);
    BenchBot.Expect(approved, "Approved by an editor", $"Round {i}: the example was not approved");

    // Anyone looking for examples: the search reads the approved examples again only when its copy is a minute old.
    await bot.SayAsync(contributor, $"good practice about {topics[(i + 1) % topics.Count].Label.ToLowerInvariant()}", times);

    if (i >= warmup)
    {
        timings.Add(times);
    }
}

total.Stop();
await timings.ReportAsync(
    output,
    new JsonObject
    {
        ["rounds"] = rounds,
        ["pressesPerExample"] = 5,
        ["connectorSends"] = bot.Sends,
        ["seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
    },
    $"{rounds} examples shared and approved, {total.Elapsed.TotalSeconds:F1} s");
return;

async Task<JsonObject> NextAsync(JsonObject card, JsonObject inputs, List<double> times, string expected)
{
    var next = await bot.PressOnCardAsync(contributor, card, GoodPracticeVerbs.Next, inputs, times);
    BenchBot.Expect(next, expected, $"The step did not move on to {expected}");
    return next;
}
