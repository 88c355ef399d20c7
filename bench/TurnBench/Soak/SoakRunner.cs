using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Bench.TurnBench.Soak;

/// <summary>
/// The soak: turns start at a fixed rate (open loop, so a slow bot meets the same arrivals, not fewer) in the given mix,
/// while a delivery runs; every reply is accounted for, and the bot's memory, CPU and latency are read per window.
/// A turn's latency runs from the moment it was due to start (the generator's own lag counts against the bot, never for
/// it) to its reply's arrival at the sink (messages) or the invoke's response (presses).
/// </summary>
internal sealed class SoakRunner : IAsyncDisposable
{
    /// <summary>The help turns' users are numbered from here, apart from the bench managers 1..users.</summary>
    private const int HelpUserOffset = 1000;

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly SoakOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConnectorSink _sink;
    private readonly DeliverySink? _deliverySink;
    private readonly HttpClient _http;
    private readonly TeamsActivities _activities;
    private readonly TeamsActivities _helpActivities;
    private readonly IReadOnlyList<VirtualUser> _users;
    private readonly IReadOnlyList<VirtualUser> _helpUsers;
    private readonly RateScript _rate;
    private readonly ReviewStepScript _review;
    private readonly ConcurrentQueue<VirtualUser> _idleReviewers = new();
    private readonly List<Task<ReplyArrival>> _lostReplies = [];
    private readonly List<SoakSample> _samples = [];
    private long _askNext;
    private long _helpNext;
    private long _rateNext;

    private SoakRunner(SoakOptions options, ConnectorSink sink, DeliverySink? deliverySink)
    {
        _options = options;
        _sink = sink;
        _deliverySink = deliverySink;
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = 1024,
            UseProxy = false,
        })
        { Timeout = options.ReplyTimeout };
        _activities = new TeamsActivities(sink.ServiceUrl, options.Questions, benchPeople: true);
        _helpActivities = new TeamsActivities(sink.ServiceUrl, ["help"]);
        _users = [.. Enumerable.Range(1, options.Users).Select(_activities.CreateUser)];
        _helpUsers = [.. Enumerable.Range(HelpUserOffset + 1, options.Users).Select(_helpActivities.CreateUser)];
        var bench = new BenchOptions("soak", options.Target, 1, options.Users, 0, options.Questions, options.ReplyTimeout, options.Pid, options.AuxPid, ExpectCard: true, options.GcFile, null, TurnKind.Message, BenchPeople: true);
        var client = new BenchClient(_http, sink, _activities, bench);
        _rate = new RateScript(client);
        _review = new ReviewStepScript(client);
    }

    public static async Task<int> RunAsync(SoakOptions options)
    {
        using var cancel = new CancellationTokenSource();
        var sink = await ConnectorSink.StartAsync(cancel.Token);
        var deliverySink = options.Recipients > 0 ? await DeliverySink.StartAsync(options.DeliveryPort, cancel.Token) : null;
        await using var soak = new SoakRunner(options, sink, deliverySink);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            soak._stop.Cancel();
        };

        SoakResult result;
        try
        {
            result = await soak.ExecuteAsync();
        }
        catch (OperationCanceledException) when (soak._stop.IsCancellationRequested)
        {
            Log("stopped during the set-up; nothing measured");
            return 130;
        }

        var table = result.ToTable();
        if (options.JsonOut is { } json)
        {
            await File.WriteAllTextAsync(json, result.ToJson());
        }

        if (options.TableOut is { } file)
        {
            await File.WriteAllTextAsync(file, table);
        }

        Console.WriteLine(table);
        return result.Passed ? 0 : 1;
    }

    private async Task<SoakResult> ExecuteAsync()
    {
        var ct = _stop.Token;
        var driver = _deliverySink is null ? null : new DeliveryDriver(_http, _options, _deliverySink, _activities.NextActivityId);
        var setupErrors = 0;
        if (driver is not null)
        {
            Log($"installing the bot for {_options.Recipients - (_options.Recipients / 10)} of the {_options.Recipients} recipients (the bot opens chats with the rest)");
            setupErrors += await driver.InstallAsync(ct);
        }

        await SetUpPressesAsync(ct);

        var warmupSeconds = _options.WarmupMinutes * 60;
        var totalSeconds = warmupSeconds + (_options.Minutes * 60);
        var windowSeconds = _options.Window.TotalSeconds;
        var tallies = Enumerable.Range(0, (int)Math.Ceiling(totalSeconds / windowSeconds)).Select(_ => new SoakTally()).ToArray();
        var mix = new MixSequence(_options.Mix);
        var turns = new List<Task>();
        var loadEnded = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var unmatchedBefore = _sink.Unmatched;
        GcReading? gcBefore = null;
        var maxLagMs = 0.0;

        Log($"load: {_options.Rate:0.#} turns/s for {_options.WarmupMinutes:0.#} min warm-up + {_options.Minutes:0.#} min, {Describe(_options.Mix)}{(driver is null ? "" : $", announcements to {_options.Recipients} people one after another")}");
        var start = Stopwatch.GetTimestamp();
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = SampleAsync(start, sampling.Token);
        var delivering = driver?.RunAsync(start, loadEnded, ct) ?? Task.CompletedTask;
        for (long i = 0; !ct.IsCancellationRequested; i++)
        {
            var dueSeconds = i / _options.Rate;
            if (dueSeconds >= totalSeconds)
            {
                break;
            }

            if (gcBefore is null && dueSeconds >= warmupSeconds)
            {
                gcBefore = GcReading.Read(_options.GcFile);
                Log("warm-up done");
            }

            var due = start + (long)(dueSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            maxLagMs = Math.Max(maxLagMs, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            var window = (int)(dueSeconds / windowSeconds);
            if (window > 0 && i % (long)Math.Max(1, _options.Rate * windowSeconds) == 0)
            {
                Report(tallies[window - 1], window, warmupSeconds / windowSeconds);
            }

            turns.Add(TurnAsync(mix.Next(), due, tallies[window], ct));
        }

        await Task.WhenAll(turns);
        var measuredSeconds = Math.Min(Stopwatch.GetElapsedTime(start).TotalSeconds, totalSeconds) - warmupSeconds;
        var gcAfter = await GcReading.SettledAsync(_options.GcFile);
        await sampling.CancelAsync();
        await sampler;
        loadEnded.SetResult(Stopwatch.GetTimestamp());
        if (ct.IsCancellationRequested)
        {
            Log("stopped: reporting what was measured so far");
        }
        else if (driver is not null)
        {
            Log($"load done; waiting up to {_options.Drain.TotalSeconds:F0} s for the running announcement to reach everyone");
        }

        await delivering;
        // Replies and messages still under way when the load and the delivery ended: a duplicate among them counts too.
        await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);

        var measuredTallies = tallies.Where((_, w) => (w * windowSeconds) >= warmupSeconds - 1e-9).ToList();
        var measuredTurns = measuredTallies.Sum(t => t.Turns());
        var storage = measuredTurns == 0 ? null : GcReading.StorageCallsPerTurn(gcBefore, gcAfter, measuredTurns);
        var windows = Windows(tallies, windowSeconds, warmupSeconds, totalSeconds);
        if (ct.IsCancellationRequested)
        {
            windows = [.. windows.Take(windows.FindLastIndex(w => w.Turns > 0) + 1)];
        }

        var measuredWindows = windows.Where(w => !w.Warmup).ToList();
        // Bounded caches that fill after the warm-up (the in-memory activity de-duplication holds 10,000 turns) show as a
        // climb that stops; a leak climbs in the second half too.
        var secondHalf = measuredWindows.Skip(measuredWindows.Count / 2).ToList();
        var p99s = measuredWindows.Where(w => w.Turns > 0 && !double.IsNaN(w.P99Ms)).Select(w => w.P99Ms).ToList();
        var all = measuredTallies.SelectMany(t => t.Latencies()).Order().ToArray();
        var deliveries = driver?.Results() ?? [];
        int lostLater;
        lock (_lostReplies)
        {
            lostLater = _lostReplies.Count(r => r.IsCompletedSuccessfully);
        }

        return new SoakResult(
            _options.Rate,
            _options.Minutes,
            _options.WarmupMinutes,
            Describe(_options.Mix),
            _options.Users,
            _options.Recipients,
            Environment.ProcessorCount,
            windows,
            [.. _options.Mix.Select(m => m.Kind).Distinct().Select(kind => KindResult(kind, measuredTallies))],
            deliveries,
            driver?.Failures ?? [],
            measuredTurns,
            measuredSeconds > 0 ? measuredTallies.Sum(t => t.Count(TurnEnd.Answered)) / measuredSeconds : 0,
            RunResult.Percentile(all, 50),
            RunResult.Percentile(all, 99),
            p99s.Count > 0 ? p99s.Min() : null,
            p99s.Count > 0 ? SoakResult.Median(p99s) : null,
            p99s.Count > 0 ? p99s.Max() : null,
            HeapSlope(measuredWindows),
            RssSlope(measuredWindows),
            HeapSlope(secondHalf),
            RssSlope(secondHalf),
            LiveSlope(measuredWindows),
            LiveSlope(secondHalf),
            tallies.Sum(t => t.Errors()),
            SoakTally.ErrorsByCause(tallies),
            tallies.Sum(t => t.Count(TurnEnd.Lost)),
            lostLater,
            _sink.Unmatched - unmatchedBefore,
            _deliverySink?.Messages ?? 0,
            deliveries.Sum(d => d.Missing),
            deliveries.Sum(d => d.Duplicates),
            storage?.Values.Sum(),
            storage,
            maxLagMs,
            setupErrors,
            Stopped: ct.IsCancellationRequested);

        double Mid(SoakWindowResult w) => w.StartMinute + (windowSeconds / 120);
        double? HeapSlope(IEnumerable<SoakWindowResult> ws) => SoakResult.SlopePer10Minutes([.. ws.Where(w => w.HeapAfterGcMb is not null).Select(w => (Mid(w), w.HeapAfterGcMb!.Value))]);
        double? LiveSlope(IEnumerable<SoakWindowResult> ws) => SoakResult.SlopePer10Minutes([.. ws.Where(w => w.Gen2LiveMb is not null).Select(w => (Mid(w), w.Gen2LiveMb!.Value))]);
        double? RssSlope(IEnumerable<SoakWindowResult> ws) => SoakResult.SlopePer10Minutes([.. ws.Where(w => w.RssMb is not null).Select(w => (Mid(w), w.RssMb!.Value))]);
    }

    /// <summary>Review drafts opened and answers to rate asked for every user, before the load (not measured).</summary>
    private async Task SetUpPressesAsync(CancellationToken ct)
    {
        if (_options.Share(SoakKind.ReviewStep) > 0)
        {
            Log($"opening a Five Minute Review for each of {_users.Count} bench managers");
            await Task.WhenAll(_users.Select(user => _review.PrepareAsync(user, 0, ct)));
            foreach (var user in _users)
            {
                _idleReviewers.Enqueue(user);
            }
        }

        if (_options.Share(SoakKind.Rate) > 0)
        {
            // Each answer is rated once (the first rating of it); a tenth more than the schedule needs, as users take turns.
            var ratings = _options.Rate * _options.Share(SoakKind.Rate) * (_options.WarmupMinutes + _options.Minutes) * 60;
            var each = (int)Math.Ceiling(ratings * 1.1 / _users.Count) + 3;
            Log($"asking {each} questions with rating buttons for each of {_users.Count} users, to rate during the soak");
            await Task.WhenAll(_users.Select(user => _rate.PrepareAsync(user, each, ct)));
        }
    }

    private async Task TurnAsync(SoakKind kind, long due, SoakTally tally, CancellationToken ct)
    {
        try
        {
            var (end, latencyMs) = kind switch
            {
                SoakKind.Ask => await MessageAsync(_activities, Next(_users, ref _askNext), due, ct),
                SoakKind.Help => await MessageAsync(_helpActivities, Next(_helpUsers, ref _helpNext), due, ct),
                SoakKind.Rate => await RateAsync(due, ct),
                _ => await ReviewStepAsync(due, ct),
            };
            tally.Add(kind, end, latencyMs);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped (Ctrl-C): a turn cut short is not counted.
        }
    }

    /// <summary>A message answered through the connector: the reply whose replyToId is the turn's activity, with a card.</summary>
    private async Task<(TurnEnd, double)> MessageAsync(TeamsActivities activities, VirtualUser user, long due, CancellationToken ct)
    {
        // One id source for every activity of the run: the bot takes a repeated id for a redelivery.
        var activityId = _activities.NextActivityId();
        var body = activities.Message(user, activityId);
        // Never forgotten: a reply after the timeout then completes this task (counted as arrived later), not as a duplicate.
        var reply = _sink.Expect(activityId);
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await _http.PostAsync(_options.Target, content, ct);
            if (!response.IsSuccessStatusCode)
            {
                return (TurnEnd.HttpError, 0);
            }

            ReplyArrival arrived;
            try
            {
                arrived = await reply.WaitAsync(_options.ReplyTimeout, ct);
            }
            catch (TimeoutException)
            {
                lock (_lostReplies)
                {
                    _lostReplies.Add(reply);
                }

                return (TurnEnd.Lost, 0);
            }

            return arrived.HasAdaptiveCard
                ? (TurnEnd.Answered, Stopwatch.GetElapsedTime(due, arrived.Timestamp).TotalMilliseconds)
                : (TurnEnd.NoCard, 0);
        }
        catch (HttpRequestException)
        {
            return (TurnEnd.Transport, 0);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (TurnEnd.Lost, 0);
        }
    }

    private async Task<(TurnEnd, double)> RateAsync(long due, CancellationToken ct)
    {
        var user = Next(_users, ref _rateNext);
        (string Verb, JsonObject Data)? press;
        lock (_rate)
        {
            press = _rate.Next(user);
        }

        return press is { } p ? await PressAsync(user, p.Verb, p.Data, due, card => _rate.Accept(user, card), ct) : (TurnEnd.NoUserFree, 0);
    }

    /// <summary>A reviewer presses on the card their last press answered with, so one reviewer makes one press at a time.</summary>
    private async Task<(TurnEnd, double)> ReviewStepAsync(long due, CancellationToken ct)
    {
        if (!_idleReviewers.TryDequeue(out var user))
        {
            return (TurnEnd.NoUserFree, 0);
        }

        try
        {
            var (verb, data) = _review.Next(user)!.Value;
            return await PressAsync(user, verb, data, due, card => _review.Accept(user, card), ct);
        }
        finally
        {
            _idleReviewers.Enqueue(user);
        }
    }

    /// <summary>A button press: the invoke's HTTP response is the reply, with the card the press should give.</summary>
    private async Task<(TurnEnd, double)> PressAsync(VirtualUser user, string verb, JsonObject data, long due, Func<JsonObject?, bool> accept, CancellationToken ct)
    {
        var body = _activities.Invoke(user, _activities.NextActivityId(), verb, data);
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await _http.PostAsync(_options.Target, content, ct);
            var answer = await response.Content.ReadAsByteArrayAsync(ct);
            var latencyMs = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                return (TurnEnd.HttpError, 0);
            }

            var card = BenchClient.CardOf(answer);
            return accept(card) ? (TurnEnd.Answered, latencyMs)
                : card is null && IsMessage(answer) ? (TurnEnd.Apology, 0)
                : (TurnEnd.WrongReply, 0);
        }
        catch (JsonException)
        {
            return (TurnEnd.WrongReply, 0);
        }
        catch (HttpRequestException)
        {
            return (TurnEnd.Transport, 0);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (TurnEnd.Lost, 0);
        }
    }

    /// <summary>An <c>adaptiveCard/action</c> response carrying a message, which the bot gives when the turn failed.</summary>
    private static bool IsMessage(byte[] answer) =>
        JsonNode.Parse(answer) is JsonObject response && response["type"]?.GetValueKind() == JsonValueKind.String
            && response["type"]!.GetValue<string>() == "application/vnd.microsoft.activity.message";

    /// <summary>Once a second until the load ends: the bot's memory and CPU, Azurite's CPU, and the sinks' counters.</summary>
    private async Task SampleAsync(long start, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            var (heap, index, gen2Heap, gen2Live, gen2Index, gen2Count) = SoakSample.ReadMemory(_options.MemFile);
            var sample = new SoakSample(
                Stopwatch.GetElapsedTime(start).TotalSeconds,
                _options.Pid is { } pid ? ProcessProbe.RssMb(pid) : null,
                heap,
                index,
                gen2Heap,
                gen2Live,
                gen2Index,
                gen2Count,
                _options.Pid is { } p ? ProcessProbe.CpuTime(p) : null,
                _options.AuxPid is { } aux ? ProcessProbe.CpuTime(aux) : null,
                _sink.Unmatched,
                _deliverySink?.Messages ?? 0);
            lock (_samples)
            {
                _samples.Add(sample);
            }
        }
        while (await Tick(timer, ct));

        static async Task<bool> Tick(PeriodicTimer timer, CancellationToken ct)
        {
            try
            {
                return await timer.WaitForNextTickAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private List<SoakWindowResult> Windows(SoakTally[] tallies, double windowSeconds, double warmupSeconds, double totalSeconds)
    {
        List<SoakSample> samples;
        lock (_samples)
        {
            samples = [.. _samples];
        }

        var windows = new List<SoakWindowResult>();
        for (var w = 0; w < tallies.Length; w++)
        {
            var from = w * windowSeconds;
            var to = Math.Min(totalSeconds, from + windowSeconds);
            var inside = samples.Where(s => s.Seconds >= from && s.Seconds < to).ToList();
            var before = samples.LastOrDefault(s => s.Seconds <= from) ?? samples.FirstOrDefault();
            var after = samples.FirstOrDefault(s => s.Seconds >= to) ?? samples.LastOrDefault();
            var latencies = tallies[w].Latencies();
            Array.Sort(latencies);
            var seconds = after is not null && before is not null ? after.Seconds - before.Seconds : 0;
            var hadGen2 = inside.Count > 0 && before is not null && inside[^1].Gen2Index > before.Gen2Index;
            windows.Add(new SoakWindowResult(
                w,
                Math.Round(from / 60, 3),
                from < warmupSeconds - 1e-9,
                tallies[w].Turns(),
                tallies[w].Count(TurnEnd.Answered) / Math.Max(1e-9, to - from),
                RunResult.Percentile(latencies, 50),
                RunResult.Percentile(latencies, 99),
                latencies.Length == 0 ? double.NaN : latencies[^1],
                tallies[w].Errors(),
                tallies[w].Count(TurnEnd.Lost),
                after is not null && before is not null ? after.Unmatched - before.Unmatched : 0,
                Round(inside.Select(s => s.RssMb).OfType<double>().DefaultIfEmpty(double.NaN).Average()),
                Round(inside.Select(s => s.RssMb).OfType<double>().DefaultIfEmpty(double.NaN).Max()),
                Round(inside.Select(s => s.HeapAfterGcMb).OfType<double>().DefaultIfEmpty(double.NaN).Min()),
                hadGen2 ? Round(inside[^1].Gen2HeapMb) : null,
                hadGen2 ? Round(inside[^1].Gen2LiveMb) : null,
                inside.Count > 0 && inside[^1].Gen2Count is { } last && before?.Gen2Count is { } first ? last - first : null,
                Percent(before?.Cpu, after?.Cpu, seconds),
                Percent(before?.AuxCpu, after?.AuxCpu, seconds),
                after is not null && before is not null ? after.Delivered - before.Delivered : 0));
        }

        return windows;

        static double? Round(double? value) => value is { } v && !double.IsNaN(v) ? Math.Round(v, 1) : null;

        static double? Percent(TimeSpan? first, TimeSpan? last, double seconds) =>
            first is { } a && last is { } b && seconds > 0 ? Math.Round((b - a).TotalSeconds / seconds * 100, 1) : null;
    }

    private static SoakKindResult KindResult(SoakKind kind, IReadOnlyList<SoakTally> tallies)
    {
        var latencies = tallies.SelectMany(t => t.Latencies(kind)).Order().ToArray();
        return new SoakKindResult(
            SoakOptions.Name(kind),
            tallies.Sum(t => t.Turns(kind)),
            RunResult.Percentile(latencies, 50),
            RunResult.Percentile(latencies, 99),
            latencies.Length == 0 ? double.NaN : latencies[^1],
            tallies.Sum(t => t.Errors(kind)),
            tallies.Sum(t => t.Count(TurnEnd.Lost, kind)));
    }

    /// <summary>A line on the console as each window closes, so a long soak can be followed.</summary>
    private void Report(SoakTally tally, int window, double warmupWindows)
    {
        var latencies = tally.Latencies();
        Array.Sort(latencies);
        SoakSample? last;
        lock (_samples)
        {
            last = _samples.Count > 0 ? _samples[^1] : null;
        }

        Log($"window {window}{(window <= warmupWindows ? " (warm-up)" : "")}: {tally.Count(TurnEnd.Answered)} answered, p50 {RunResult.Percentile(latencies, 50):F1} ms, p99 {RunResult.Percentile(latencies, 99):F1} ms, errors {tally.Errors()}, lost {tally.Count(TurnEnd.Lost)}, RSS {last?.RssMb:F0} MB, heap {last?.HeapAfterGcMb:F0} MB, delivered so far {last?.Delivered}");
    }

    private static VirtualUser Next(IReadOnlyList<VirtualUser> users, ref long counter) =>
        users[(int)((ulong)Interlocked.Increment(ref counter) % (ulong)users.Count)];

    private static string Describe(IReadOnlyList<(SoakKind Kind, int Weight)> mix) =>
        string.Join(",", mix.Select(m => $"{SoakOptions.Name(m.Kind)}:{m.Weight}"));

    private static void Log(string message) => Console.Error.WriteLine($"[soak] {message}");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _sink.DisposeAsync();
        if (_deliverySink is not null)
        {
            await _deliverySink.DisposeAsync();
        }

        _stop.Dispose();
    }
}
