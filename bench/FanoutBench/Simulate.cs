using LearningBot.Bench.FanoutBench.Driver;
using LearningBot.Bench.FanoutBench.Simulator;

namespace LearningBot.Bench.FanoutBench;

/// <summary>The simulator on its own, for a bot run by hand: <c>serviceUrl</c> and <c>/stats</c> on the printed address.</summary>
internal static class Simulate
{
    public static async Task<int> RunAsync(CommandLine args)
    {
        var withoutTeams = args.Get("people") is { } csv ? BenchPeople.WithoutTeams(csv) : new HashSet<string>(StringComparer.Ordinal);
        var options = new SimulatorOptions
        {
            Seed = args.Int("seed", 13),
            InjectFaults = args.Flag("faults", true),
            EnforceLimits = args.Flag("limits", true),
            PeopleWithoutTeams = withoutTeams,
        };
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        await using var simulator = await ConnectorSimulator.StartAsync(options, args.Int("port", 0), stop.Token);
        simulator.BeginMeasuring();
        Console.WriteLine($"Bot Connector simulator on {simulator.ServiceUrl} (limits {(options.EnforceLimits ? "on" : "off")}, faults {(options.InjectFaults ? "on" : "off")}); Ctrl-C stops it");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
