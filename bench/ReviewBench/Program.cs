// Runs whole Five Minute Reviews against the real bot on Kestrel (storage in the Azurite given by
// Storage__ConnectionString) and reports p50/p99 latency per step. Usage:
//   dotnet ReviewBench.dll [--reviews 200] [--warmup 10] [--out artifacts/bench/review.json]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Bench;

var arguments = new BenchArguments(args);
var reviews = arguments.Int("--reviews", 200);
var warmup = arguments.Int("--warmup", 10);
var output = arguments.String("--out") ?? "artifacts/bench/review.json";

await using var bot = await BenchBot.StartAsync([
    "--FiveMinuteReview:RemindersEnabled=false",
    "--FiveMinuteReview:FirstReviewGuide=false",
    "--PublicLinks:BaseUrl=https://learningbot.example.org",
]);

var manager = BenchBot.Person("29:priya-shah", "Priya Shah", "0f6a2b9c-3d4e-4a51-8b7c-9e1d2f3a4b50");
string[] people =
[
    "1a7b3c0d-4e5f-4b62-9c8d-0f2e3a4b5c61", "2b8c4d1e-5f60-4c73-8d9e-1a3f4b5c6d72", "3c9d5e2f-6071-4d84-9eaf-2b4a5c6d7e83",
    "local:c4e8a2f6-0b1d-4e3a-9f57-2a6c8e0b4d19", "local:d5f9b3a7-1c2e-4f4b-8a68-3b7d9f1c5e2a",
];
// Each person says hello once so the bot can reach them at confirm.
foreach (var aad in people.Where(p => !p.StartsWith("local:", StringComparison.Ordinal)))
{
    await bot.SayAsync(BenchBot.Person("29:" + aad, "Colleague", aad), "hello");
}

string[] steps = ["team", "open", "step 1", "step 2", "step 3", "step 4", "confirm"];
var timings = new StepTimings(steps);
// The person's side: after each review, the reviewed person (when they use Teams) opens "my reviews".
var personTimings = new StepTimings(["my reviews"]);
var objectiveDay = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
var nextReview = DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
var total = Stopwatch.StartNew();
for (var i = 0; i < warmup + reviews; i++)
{
    var personId = people[i % people.Length];
    var times = new List<double>();
    var card = await bot.PressAsync(manager, "review.start", [], times);
    card = await bot.PressAsync(manager, "review.open", new JsonObject { ["personId"] = personId }, times);
    card = await bot.PressOnCardAsync(manager, card, "review.next", new JsonObject { ["wentWell"] = $"Review {i}: clear, calm handovers.", ["evenBetter"] = "Notes before the end of the shift." }, times);
    card = await bot.PressOnCardAsync(manager, card, "review.next", new JsonObject { ["personView"] = "Weekend staffing is hard.", ["carried0"] = "partly" }, times);
    card = await bot.PressOnCardAsync(manager, card, "review.next", new JsonObject { ["objective1What"] = "Finish the medicines e-learning", ["objective1When"] = objectiveDay }, times);
    card = await bot.PressOnCardAsync(manager, card, "review.next", new JsonObject { ["learningNeeds"] = "dementia", ["learningTopics"] = "the new hoist", ["overall"] = "on-track", ["wellbeing"] = "good" }, times);
    card = await bot.PressOnCardAsync(manager, card, "review.confirm", new JsonObject { ["nextReview"] = nextReview }, times);
    if (!card.ToJsonString().Contains("saved", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"Review {i} did not save: {BenchBot.Shorten(card)}");
    }

    if (i >= warmup)
    {
        timings.Add(times);
    }

    if (!personId.StartsWith("local:", StringComparison.Ordinal))
    {
        var personTimes = new List<double>();
        // The card goes to the connector during the turn, so the HTTP answer's time includes it.
        await bot.SayAsync(BenchBot.Person("29:" + personId, "Colleague", personId), "my reviews", personTimes);

        if (i >= warmup)
        {
            personTimings.Add(personTimes);
        }
    }
}

total.Stop();
await timings.ReportAsync(
    output,
    new JsonObject
    {
        ["reviews"] = reviews,
        ["turnsPerReview"] = steps.Length,
        ["proactiveSends"] = bot.Sends,
        ["seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
    },
    $"{reviews} reviews, {reviews * steps.Length} turns, {total.Elapsed.TotalSeconds:F1} s");
await personTimings.ReportAsync(
    Path.ChangeExtension(output, null) + "-person.json",
    new JsonObject { ["reviews"] = reviews },
    "the reviewed person's turn after each review");
