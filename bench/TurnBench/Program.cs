using System.Diagnostics;
using LearningBot.Bench.TurnBench;

try
{
    return args switch
    {
        ["run", .. var rest] => await RunAsync(BenchOptions.Parse(rest)),
        ["report", .. var rest] => PrintReport(rest),
        ["soak", .. var rest] => await LearningBot.Bench.TurnBench.Soak.SoakRunner.RunAsync(LearningBot.Bench.TurnBench.Soak.SoakOptions.Parse(rest)),
        _ => Fail(BenchOptions.Usage + LearningBot.Bench.TurnBench.Soak.SoakOptions.Usage),
    };
}
catch (ArgumentException e)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

static async Task<int> RunAsync(BenchOptions options)
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };

    await using var sink = await ConnectorSink.StartAsync(stop.Token);
    var activities = new TeamsActivities(sink.ServiceUrl, options.Texts, options.BenchPeople);
    var users = Enumerable.Range(1, options.Users).Select(activities.CreateUser).ToList();
    using var http = new HttpClient(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = options.Users,
        UseProxy = false,
    })
    { Timeout = options.ReplyTimeout };
    var presses = options.Kind == TurnKind.Message ? null : PressScript.For(options.Kind, new BenchClient(http, sink, activities, options));
    var runner = new LoadRunner(http, sink, activities, users, options, presses);
    if (presses is not null)
    {
        // A closed loop does not share the turns out evenly: half as many again as a user's share, so no user runs short.
        var each = ((options.Warmup + options.Turns) * 3 / 2 / options.Users) + 5;
        Console.Error.WriteLine($"{options.Name}: setting up {options.Kind} for {users.Count} users ({each} presses each)");
        await runner.PrepareAsync(each, stop.Token);
    }

    Console.Error.WriteLine($"{options.Name}: warm-up {options.Warmup} turns, then {options.Turns} turns, {options.Users} users, {(presses is null ? Describe(options.Texts) : options.Kind.ToString())}, connector sink {sink.ServiceUrl}");
    if (options.Warmup > 0)
    {
        var warm = await runner.RunAsync(options.Warmup, stop.Token);
        Console.Error.WriteLine($"{options.Name}: warm-up done in {warm.Elapsed.TotalSeconds:F1}s with {warm.Errors} errors");
    }

    if (presses is not null)
    {
        // What the turns owe others (a moderation card the outbox posts after the turn) reaches the sink after their
        // answers: the warm-up's is let finish before the readings, and the measured turns' before the readings after.
        await QuietAsync(sink);
    }

    var gcBefore = await GcReading.SettledAsync(options.GcFile);
    var callsBefore = sink.Calls;
    var bytesBefore = sink.Bytes;
    var extraBefore = sink.Unmatched;
    var cpuBefore = options.Pid is { } p ? ProcessProbe.CpuTime(p) : null;
    var auxBefore = options.AuxPid is { } a ? ProcessProbe.CpuTime(a) : null;
    var generatorBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var outcome = await runner.RunAsync(options.Turns, stop.Token);
    if (presses is not null)
    {
        await QuietAsync(sink);
    }

    var generatorCpu = Process.GetCurrentProcess().TotalProcessorTime - generatorBefore;
    var cpuAfter = options.Pid is { } q ? ProcessProbe.CpuTime(q) : null;
    var auxAfter = options.AuxPid is { } b ? ProcessProbe.CpuTime(b) : null;
    var gcAfter = await GcReading.SettledAsync(options.GcFile);

    var result = Summarise(options, outcome, sink.Calls - callsBefore, sink.Bytes - bytesBefore, sink.Unmatched - extraBefore, cpuAfter - cpuBefore, auxAfter - auxBefore, generatorCpu, gcBefore, gcAfter);
    var json = result.ToJson();
    if (options.JsonOut is { } file)
    {
        await File.WriteAllTextAsync(file, json);
    }

    Console.WriteLine(json);
    return 0;
}

// Until the sink has had no call for a second (at most a minute): background work the turns caused is done.
static async Task QuietAsync(ConnectorSink sink)
{
    var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
    var calls = sink.Calls;
    while (Stopwatch.GetTimestamp() < deadline)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        if (sink.Calls == calls)
        {
            return;
        }

        calls = sink.Calls;
    }
}

static RunResult Summarise(BenchOptions options, PhaseOutcome outcome, long connectorCalls, long connectorBytes, long extraReplies, TimeSpan? targetCpu, TimeSpan? auxCpu, TimeSpan generatorCpu, GcReading? gcBefore, GcReading? gcAfter)
{
    var latencies = outcome.LatenciesMs;
    Array.Sort(latencies);
    var completed = latencies.Length;
    var perTurn = Math.Max(1, options.Turns);
    return new RunResult(
        options.Name,
        options.Turns,
        options.Users,
        options.Warmup,
        completed,
        outcome.Elapsed.TotalSeconds,
        completed / outcome.Elapsed.TotalSeconds,
        RunResult.Percentile(latencies, 50),
        RunResult.Percentile(latencies, 90),
        RunResult.Percentile(latencies, 99),
        completed == 0 ? double.NaN : latencies[^1],
        completed == 0 ? double.NaN : latencies.Average(),
        outcome.Errors,
        outcome.HttpErrors,
        outcome.TransportErrors,
        outcome.Timeouts,
        outcome.WrongReplies,
        outcome.StatusCodes.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
        options.Pid is { } pid ? ProcessProbe.PeakRssMb(pid) : null,
        options.Pid is { } pid2 ? ProcessProbe.RssMb(pid2) : null,
        targetCpu?.TotalMilliseconds / perTurn,
        auxCpu?.TotalMilliseconds / perTurn,
        generatorCpu.TotalMilliseconds / perTurn,
        (double)connectorCalls / perTurn,
        (double)connectorBytes / perTurn,
        extraReplies,
        gcBefore is null || gcAfter is null ? null : (gcAfter.AllocatedBytes - gcBefore.AllocatedBytes) / 1024.0 / perTurn,
        gcBefore is null || gcAfter is null ? null : gcAfter.Gen0 - gcBefore.Gen0,
        gcBefore is null || gcAfter is null ? null : gcAfter.Gen1 - gcBefore.Gen1,
        gcBefore is null || gcAfter is null ? null : gcAfter.Gen2 - gcBefore.Gen2,
        gcBefore is null || gcAfter is null ? null : (gcAfter.Paused - gcBefore.Paused).TotalMilliseconds,
        GcReading.StorageCallsPerTurn(gcBefore, gcAfter, perTurn));
}

static int PrintReport(IReadOnlyList<string> args)
{
    var goals = new List<Goal>();
    var files = new List<string>();
    for (var i = 0; i < args.Count; i++)
    {
        if (args[i] == "--goal" && i + 1 < args.Count)
        {
            goals.Add(Goal.Parse(args[++i]));
        }
        else
        {
            files.Add(args[i]);
        }
    }

    if (files.Count < 2)
    {
        return Fail(BenchOptions.Usage);
    }

    var systems = files.Select(f => RunResult.FromJson(File.ReadAllText(f)))
        .GroupBy(r => r.Name)
        .Select(rounds => new SystemRuns(rounds.ToList()))
        .ToList();
    if (systems.Count < 2)
    {
        return Fail(BenchOptions.Usage);
    }

    Console.WriteLine(Report.Render(systems[0], systems[1..], goals));
    return 0;
}

static string Describe(IReadOnlyList<string> texts) =>
    texts.Count == 1 ? $"text '{texts[0]}'" : $"{texts.Count} texts in turn, from '{texts[0]}'";
