// Runs feedback signals through their whole journey against the real bot on Kestrel (storage in the Azurite given by
// Storage__ConnectionString) and reports p50/p99 latency per step. Each round is one theme crossing the alert rule:
// a liaison member of staff logs three concerns from two sources, a moderator accepts them (the third raises the alert
// and starts its delivery to the leads), the organisation's L&D lead takes the alert, starts and saves a learning needs analysis, and records what was done (which
// tells the liaison member of staff: you said, we did). Usage:
//   dotnet SignalBench.dll [--rounds 100] [--warmup 5] [--out artifacts/bench/signals.json]
using System.Diagnostics;
using System.Text.Json.Nodes;
using LearningBot.Bench;
using LearningBot.FeedbackSignals;
using LearningBot.FeedbackSignals.LearningNeeds;
using LearningBot.Leads;

var arguments = new BenchArguments(args);
var rounds = arguments.Int("--rounds", 100);
var warmup = arguments.Int("--warmup", 5);
var output = arguments.String("--out") ?? "artifacts/bench/signals.json";

var liaison = BenchBot.Person("29:lena-okoro", "Lena Okoro", "5e2a7c1d-8b3f-4d6e-9a0b-1c2d3e4f5a6b");
var moderator = BenchBot.Person("29:mo-reid", "Mo Reid", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f");
var supportTeam = BenchBot.Person("29:sam-ito", "Sam Ito", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
await using var bot = await BenchBot.StartAsync([
    "--Roles:LiaisonStaff:0=" + liaison["aadObjectId"],
    "--Roles:Moderators:0=" + moderator["aadObjectId"],
    "--Roles:SupportTeam:0=" + supportTeam["aadObjectId"],
]);
await bot.ChooseTheLdChannelAsync(supportTeam);

var register = bot.Services.GetRequiredService<LeadRegister>();
var alerts = bot.Services.GetRequiredService<SignalAlerts>();
var ldLeads = (await register.ListAsync(CancellationToken.None))
    .Where(l => l.IsLearningLead && !l.Retired)
    .GroupBy(l => l.OrganisationKind)
    .ToDictionary(g => g.Key, g => g.First());
var themes = (from kind in SignalChoices.OrganisationKinds.Where(k => ldLeads.ContainsKey(k.Value))
              from area in SignalChoices.ServiceAreas
              from theme in ThemeChoices.All
              select (Theme: theme.Value, Area: area.Value, Kind: kind.Value)).ToList();
if (themes.Count < warmup + rounds)
{
    throw new InvalidOperationException($"Only {themes.Count} themes to cross; ask for fewer rounds.");
}

string[] steps = ["open form", "log", "accept", "accept (alert raised)", "take alert", "start analysis", "save analysis", "open what-we-did form", "save what we did"];
var timings = new StepTimings(steps);
var total = Stopwatch.StartNew();
for (var i = 0; i < warmup + rounds; i++)
{
    var (theme, area, kind) = themes[i];
    var times = new List<(string Step, double Ms)>();
    string[] sources = ["pals", "survey", "pals"];
    var signalIds = new List<string>();
    foreach (var source in sources)
    {
        signalIds.Add(await LogAsync(theme, area, kind, source, times));
    }

    for (var s = 0; s < signalIds.Count; s++)
    {
        var step = new List<double>();
        await bot.PressAsync(moderator, SignalVerbs.Accept, new JsonObject { ["signalId"] = signalIds[s] }, step);
        times.Add((s == signalIds.Count - 1 ? "accept (alert raised)" : "accept", step[0]));
    }

    var tally = await alerts.FindThemeAsync(theme, area, kind, CancellationToken.None);
    var alertId = tally?.AlertId ?? throw new InvalidOperationException($"Round {i}: no alert was raised for {theme} / {area} / {kind}.");
    var lead = ldLeads[kind];
    var leadPerson = BenchBot.Person("29:" + lead.PersonKey, lead.Name, lead.PersonKey);
    var take = new List<double>();
    var answered = await bot.PressAsync(leadPerson, SignalAlertVerbs.Take, new JsonObject { ["alertId"] = alertId }, take);
    BenchBot.Expect(answered, "Taken by a lead", $"Round {i}: the lead could not take the alert");
    times.Add(("take alert", take[0]));

    var analysis = new List<double>();
    var draft = await bot.PressOnCardAsync(leadPerson, answered, LearningNeedsVerbs.Start, [], analysis);
    var savedDraft = await bot.PressOnCardAsync(leadPerson, draft, LearningNeedsVerbs.Save, new JsonObject
    {
        [LnaInputs.SuccessMeasures] = "Fewer concerns about this theme in the next two quarters; every ward team trained by March.",
    }, analysis);
    BenchBot.Expect(savedDraft, "Saved", $"Round {i}: the analysis was not saved");
    times.Add(("start analysis", analysis[0]));
    times.Add(("save analysis", analysis[1]));

    var done = new List<double>();
    var form = await bot.PressAsync(leadPerson, YouSaidWeDidVerbs.Form, new JsonObject { ["alertId"] = alertId, ["form"] = "record" }, done);
    var saved = await bot.PressOnCardAsync(leadPerson, form, YouSaidWeDidVerbs.Record, new JsonObject
    {
        ["done"] = "Dementia awareness sessions for every ward team, with carers invited to speak.",
        ["month"] = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        ["link"] = "",
    }, done);
    BenchBot.Expect(saved, "You said, we did", $"Round {i}: what was done was not saved");
    times.Add(("open what-we-did form", done[0]));
    times.Add(("save what we did", done[1]));

    if (i >= warmup)
    {
        foreach (var (step, ms) in times)
        {
            timings.Add(step, ms);
        }
    }
}

total.Stop();
await timings.ReportAsync(
    output,
    new JsonObject
    {
        ["rounds"] = rounds,
        ["signalsPerRound"] = 3,
        ["connectorSends"] = bot.Sends,
        ["seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
    },
    $"{rounds} themes alerted, {rounds * 3} signals, {total.Elapsed.TotalSeconds:F1} s");
return;

async Task<string> LogAsync(string theme, string area, string kind, string source, List<(string, double)> times)
{
    var step = new List<double>();
    var form = await bot.PressAsync(liaison, SignalVerbs.Start, [], step);
    var logged = await bot.PressOnCardAsync(liaison, form, SignalVerbs.Log, new JsonObject
    {
        [SignalInputs.Source] = source,
        [SignalInputs.OrganisationKind] = kind,
        [SignalInputs.ServiceArea] = area,
        [SignalInputs.Theme] = theme,
        [SignalInputs.Kind] = FeedbackSignalKinds.Concern,
        [SignalInputs.Frequency] = "2-4",
        [SignalInputs.Cause] = "skills-or-knowledge",
        [SignalInputs.Note] = "Staff did not seem to know how to help.",
    }, step);
    BenchBot.Expect(logged, "Thank you", "The signal was not logged");
    times.Add(("open form", step[0]));
    times.Add(("log", step[1]));
    var token = BenchBot.FindAction(form, SignalVerbs.Log)!["data"]![SignalInputs.FormToken]!.GetValue<string>();
    return FeedbackSignal.IdFor(liaison["aadObjectId"]!.GetValue<string>(), token);
}
