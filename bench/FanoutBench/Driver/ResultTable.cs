using System.Globalization;
using System.Text;

namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>The closing table of <c>bench/fanout.sh</c>: one row per scenario, the goals beside it.</summary>
internal static class ResultTable
{
    public static int Print(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            Console.Error.WriteLine(CommandLine.Usage);
            return 2;
        }

        var results = files.Select(f => ScenarioResult.FromJson(File.ReadAllText(f))).OrderBy(r => r.Scenario, StringComparer.Ordinal).ToList();
        Console.WriteLine(Render(results));
        return 0;
    }

    private static string Render(IReadOnlyList<ScenarioResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"{"scenario",-30} {"status",-10} {"time s",7} {"optimum",7} {"ratio",6} {"delivered",9} {"dup",4} {"lost",5} {"429s",5} {"tenant",6} {"conv",5} {"peak/s",6} {"503",4} {"reset",5} {"RSS MB",7} {"CPU s",6}");
        foreach (var r in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Scenario + ") " + r.Description,-30} {Short(r.Status),-10} {Num(r.SecondsToComplete),7} {r.OptimumSeconds,7:F0} {Ratio(r.RatioToOptimum),6} {r.Delivered,9} {r.Duplicates,4} {r.Lost,5} {r.Throttled,5} {r.ThrottledByTenantLimit,6} {r.ThrottledByConversationLimit,5} {r.PeakSlidingAccepted,6} {r.Injected503,4} {r.InjectedResets,5} {r.PeakRssMb,7:F0} {r.CpuSeconds,6:F1}");
        }

        table.AppendLine();
        foreach (var r in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{r.Scenario}) {r.Detail}");
            if (r.DeliveredAtKill is { } atKill)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"   killed at {atKill} delivered, ready again after {r.RestartSeconds:F1} s");
            }

            if (r.IdleTurns is { } idle && r.TurnsDuringDelivery is { } busy)
            {
                var ratio = busy.P99Ms / idle.P99Ms;
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"   help turn p99: idle {idle.P99Ms:F0} ms, during delivery {busy.P99Ms:F0} ms (x{ratio:F2}, goal <= x2.00: {(ratio <= 2 ? "met" : "not met")}); p50 {idle.P50Ms:F0} / {busy.P50Ms:F0} ms; errors {idle.Errors} / {busy.Errors}; 429s on turn replies {r.ThrottledTurnReplies}");
            }
            else if (r.IdleTurns is { } onlyIdle)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"   help turn p99 idle {onlyIdle.P99Ms:F0} ms (no delivery to compare with)");
            }

            if (r.Status == "completed")
            {
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"   goals: within 10% of optimum {Met(r.RatioToOptimum <= 1.10)}, 0 duplicated {Met(r.Duplicates == 0)}, 0 lost {Met(r.Lost == 0)}, 0 violations {Met(r.Throttled == 0)}");
            }

            if (r.UnexpectedCalls.Count > 0)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"   calls the simulator does not answer: {string.Join(", ", r.UnexpectedCalls.Select(kv => $"{kv.Key} x{kv.Value}"))}");
            }

            if (r.LastProgressText is { } progress)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"   last progress card: {progress}");
            }
        }

        return table.ToString();
    }

    private static string Short(string status) => status.Length <= 10 ? status : status[..10];

    private static string Num(double? value) => value is { } v ? v.ToString("F0", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? value) => value is { } v ? "x" + v.ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static string Met(bool met) => met ? "met" : "NOT met";
}
