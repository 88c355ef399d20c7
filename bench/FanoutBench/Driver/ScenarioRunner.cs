using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using LearningBot.Bench.FanoutBench.Simulator;

namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>
/// Runs one scenario end to end: writes the people seed, starts the simulator and the bot instance(s) on one storage,
/// installs the bot for everyone who has a chat with it, sends the announcement as an L&amp;D Support Team member, and
/// watches the simulator until every reachable person has it (killing and restarting the bot half way in scenario b,
/// timing chat turns before and during the delivery in scenario d). Writes <c>scenario-X.json</c>.
/// </summary>
internal static class ScenarioRunner
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan LatencyPhase = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LatencyInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<int> RunAsync(ScenarioOptions options)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        Directory.CreateDirectory(options.OutDir);
        var people = BenchPeople.Create(options.Recipients, options.WithoutTeams, options.WithoutChat);
        var seedFile = Path.Combine(options.OutDir, $"people-{options.Scenario}.csv");
        await File.WriteAllTextAsync(seedFile, BenchPeople.ToCsv(people), stop.Token);
        var withoutTeams = people.Where(p => !p.UsesTeams).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);

        await using var simulator = await ConnectorSimulator.StartAsync(
            new SimulatorOptions { Seed = options.Seed, InjectFaults = options.Faults, PeopleWithoutTeams = withoutTeams }, cancellationToken: stop.Token);
        simulator.AddDriverConversation(BenchPeople.Sender.ChatId);
        simulator.AddDriverConversation(BenchPeople.Probe.ChatId);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.InstallConcurrency + 32,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };

        var tablePrefix = $"fanout{options.Scenario}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        var launch = new BotLaunch(options.BotDll, BotSettings(options, seedFile, simulator.ServiceUrl, tablePrefix));
        var run = new Run(options, people, simulator, http, launch, tablePrefix);
        try
        {
            var result = await run.ExecuteAsync(stop.Token);
            var file = Path.Combine(options.OutDir, $"scenario-{options.Scenario}.json");
            await File.WriteAllTextAsync(file, result.ToJson(), CancellationToken.None);
            Console.Error.WriteLine($"[fanout] scenario {options.Scenario}: {result.Status}; {result.Detail}; results in {file}");
            return 0;
        }
        finally
        {
            await run.DisposeAsync();
        }
    }

    private static Dictionary<string, string> BotSettings(ScenarioOptions options, string seedFile, Uri serviceUrl, string tablePrefix) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__LearningBot.People.TablePeopleDirectory"] = "Information",
        ["MicrosoftAppId"] = string.Empty,
        ["MicrosoftAppPassword"] = string.Empty,
        ["Storage__ConnectionString"] = options.Storage,
        ["Storage__TablePrefix"] = tablePrefix,
        ["Logging__LogLevel__LearningBot.Digest.Sending.DigestSender"] = "Information",
        ["People__Source"] = "Directory",
        ["People__SeedFile"] = seedFile,
        ["Roles__SupportTeam__0"] = BenchPeople.Sender.Id,
        ["Delivery__Reach__ServiceUrl"] = serviceUrl.ToString(),
        ["Delivery__Reach__TenantId"] = BenchIds.TenantId,
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One scenario's moving parts.</summary>
    private sealed class Run(ScenarioOptions options, IReadOnlyList<BenchPerson> people, ConnectorSimulator simulator, HttpClient http, BotLaunch launch, string tablePrefix)
        : IAsyncDisposable
    {
        private readonly List<BotInstance> _bots = [];
        private readonly List<BotInstance> _retired = [];
        private readonly TeamsActivities _activities = new(simulator.ServiceUrl);
        private readonly HashSet<string> _reachable = people.Where(p => p.UsesTeams).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        private int _logs;

        private BotInstance Front => _bots[0];

        public async Task<ScenarioResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            for (var i = 0; i < options.Instances; i++)
            {
                _bots.Add(StartBot(FreePort()));
            }

            await Task.WhenAll(_bots.Select(bot => bot.WaitReadyAsync(http, ReadyTimeout, cancellationToken)));
            Log($"{_bots.Count} bot instance(s) ready (pids {string.Join(", ", _bots.Select(b => b.Pid))}); simulator on {simulator.ServiceUrl}");

            var installStarted = Stopwatch.GetTimestamp();
            var installErrors = await InstallAsync(cancellationToken);
            var installSeconds = Stopwatch.GetElapsedTime(installStarted).TotalSeconds;
            Log($"installed for {people.Count(p => p.HasChat)} people in {installSeconds:F1} s ({installErrors} errors)");

            var latency = new ChatLatency(http, Front.Messages, simulator, _activities);
            LatencySummary? idle = null, busy = null;
            if (options.Scenario == 'd')
            {
                idle = await latency.MeasureAsync(LatencyPhase, LatencyInterval, cancellationToken);
                Log($"idle chat turns: p50 {idle.P50Ms:F0} ms, p99 {idle.P99Ms:F0} ms, {idle.Errors} errors");
            }

            simulator.BeginMeasuring();
            var outcome = options.Scenario == 'e'
                ? await new DigestEditor(http, Front.Messages, simulator, _activities, options.Storage, tablePrefix).SendAsync(cancellationToken)
                : await new Announcer(http, Front.Messages, simulator, _activities).SendAsync(cancellationToken);
            Log(outcome.Detail);
            var watch = new DeliveryWatch("not started", null, null);
            if (outcome.Sent)
            {
                var during = options.Scenario == 'd' ? latency.MeasureAsync(LatencyPhase, LatencyInterval, cancellationToken) : null;
                watch = await WatchAsync(cancellationToken);
                busy = during is null ? null : await during;
                await Task.Delay(Settle, cancellationToken);
            }

            if (options.Scenario == 'e')
            {
                outcome = outcome with { Detail = $"{outcome.Detail}; {DigestEditor.TimesFromLogs(options.OutDir, options.Scenario)}" };
            }

            return Summarise(outcome, watch, installSeconds, installErrors, idle, busy);
        }

        private BotInstance StartBot(int port) =>
            BotInstance.Start(launch, port, Path.Combine(options.OutDir, $"bot-{options.Scenario}-{Interlocked.Increment(ref _logs)}.log"));

        /// <summary>Teams telling the bot it was installed, for everyone who has a chat with it: the bot stores each chat.</summary>
        private async Task<int> InstallAsync(CancellationToken cancellationToken)
        {
            var errors = 0;
            var installs = people.Where(p => p.HasChat).Prepend(BenchPeople.Probe).Prepend(BenchPeople.Sender);
            await Parallel.ForEachAsync(installs, new ParallelOptions { MaxDegreeOfParallelism = options.InstallConcurrency, CancellationToken = cancellationToken }, async (person, token) =>
            {
                try
                {
                    using var response = await http.PostAsJsonAsync(Front.Messages, _activities.BotAdded(person), token);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            });
            return errors;
        }

        private async Task<DeliveryWatch> WatchAsync(CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
            var lastDelivered = -1;
            var lastChange = Stopwatch.GetTimestamp();
            int? deliveredAtKill = null;
            double? restartSeconds = null;
            while (true)
            {
                await Task.Delay(Poll, cancellationToken);
                _bots.ForEach(bot => bot.Sample());
                var stats = simulator.Stats;
                if (stats.Delivered != lastDelivered)
                {
                    lastDelivered = stats.Delivered;
                    lastChange = Stopwatch.GetTimestamp();
                }

                if (options.Scenario == 'b' && deliveredAtKill is null && stats.Delivered >= options.KillAt * _reachable.Count)
                {
                    deliveredAtKill = stats.Delivered;
                    restartSeconds = await KillAndRestartAsync(cancellationToken);
                    lastChange = Stopwatch.GetTimestamp();
                }

                if (stats.Delivered >= _reachable.Count)
                {
                    return new DeliveryWatch("completed", deliveredAtKill, restartSeconds);
                }

                if (Stopwatch.GetTimestamp() > deadline)
                {
                    return new DeliveryWatch($"timed out after {options.Timeout.TotalSeconds:F0} s", deliveredAtKill, restartSeconds);
                }

                if (Stopwatch.GetElapsedTime(lastChange) > StallAfter)
                {
                    return new DeliveryWatch($"stalled: nothing new delivered for {StallAfter.TotalSeconds:F0} s", deliveredAtKill, restartSeconds);
                }

                if (stats.Delivered > 0 && stats.Delivered % 1000 < 25)
                {
                    Log($"{stats.Delivered} of {_reachable.Count} delivered after {stats.SecondsSinceMark:F0} s");
                }
            }
        }

        /// <summary><c>kill -9</c> of the front instance, and a new process on the same port and storage.</summary>
        private async Task<double> KillAndRestartAsync(CancellationToken cancellationToken)
        {
            var killed = Front;
            var port = killed.Url.Port;
            await killed.KillAsync();
            _retired.Add(killed);
            Log($"killed the bot (pid {killed.Pid}) with kill -9 at {simulator.Stats.Delivered} delivered; restarting");
            var started = Stopwatch.GetTimestamp();
            _bots[0] = StartBot(port);
            await _bots[0].WaitReadyAsync(http, ReadyTimeout, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Log($"restarted (pid {_bots[0].Pid}) in {seconds:F1} s");
            return seconds;
        }

        private ScenarioResult Summarise(AnnounceOutcome outcome, DeliveryWatch watch, double installSeconds, int installErrors, LatencySummary? idle, LatencySummary? busy)
        {
            _bots.ForEach(bot => bot.Sample());
            var stats = simulator.Stats;
            var received = simulator.Recipients().ToHashSet(StringComparer.Ordinal);
            var delivered = _reachable.Count(received.Contains);
            var all = _bots.Concat(_retired).ToList();
            return new ScenarioResult(
                options.Scenario.ToString(),
                options.Description,
                outcome.Sent ? watch.Status : "not run",
                outcome.Detail,
                people.Count,
                _reachable.Count,
                people.Count(p => !p.UsesTeams),
                people.Count(p => p.UsesTeams && !p.HasChat),
                options.Instances,
                installSeconds,
                installErrors,
                watch.Status == "completed" ? stats.LastNewRecipientSeconds : null,
                people.Count / 50.0,
                delivered,
                stats.Duplicates,
                stats.DuplicatedConversations,
                outcome.Sent ? _reachable.Count - delivered : 0,
                received.Count - delivered,
                stats.Throttled,
                stats.ThrottledByTenantLimit,
                stats.ThrottledByConversationLimit,
                stats.ThrottledTurnReplies,
                stats.Injected503,
                stats.InjectedResets,
                stats.PeakFixedWindow,
                stats.PeakSlidingOffered,
                stats.PeakSlidingAccepted,
                stats.ConversationsCreated,
                stats.CreateRefusedWithoutTeams,
                stats.Requests,
                stats.ProgressUpdates,
                stats.LastProgressText,
                watch.DeliveredAtKill,
                watch.RestartSeconds,
                all.Max(bot => bot.PeakRssMb),
                all.Sum(bot => bot.CpuSeconds),
                idle,
                busy,
                all.Sum(bot => bot.Warnings),
                stats.Unexpected);
        }

        private void Log(string message) => Console.Error.WriteLine($"[fanout {options.Scenario}] {message}");

        public async ValueTask DisposeAsync()
        {
            foreach (var bot in _bots.Concat(_retired))
            {
                await bot.DisposeAsync();
            }
        }
    }
}
