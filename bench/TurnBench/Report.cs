using System.Globalization;
using System.Text;

namespace LearningBot.Bench.TurnBench;

/// <summary>A peer and the goal the subject must meet against it.</summary>
internal sealed record Goal(string Peer, double MinThroughputRatio, double? MaxP99Ratio)
{
    /// <summary>Parses <c>peer:minThroughputRatio[:maxP99Ratio]</c>, e.g. <c>floor:0.5:2</c>.</summary>
    public static Goal Parse(string text)
    {
        var parts = text.Split(':');
        return new Goal(
            parts[0],
            double.Parse(parts[1], CultureInfo.InvariantCulture),
            parts.Length > 2 ? double.Parse(parts[2], CultureInfo.InvariantCulture) : null);
    }
}

/// <summary>
/// All measured rounds of one system. The table shows the round with the median turns/s (so one
/// disturbed round on a shared machine moves nothing), with errors summed and peak memory maxed
/// over every round.
/// </summary>
internal sealed class SystemRuns(IReadOnlyList<RunResult> rounds)
{
    public IReadOnlyList<RunResult> Rounds { get; } = rounds;

    public RunResult Median { get; } = rounds.OrderBy(r => r.TurnsPerSecond).ElementAt(rounds.Count / 2);

    public string Name => Median.Name;

    public int Errors => Rounds.Sum(r => r.Errors);

    public double? PeakRssMb => Rounds.Max(r => r.PeakRssMb);
}

/// <summary>Prints the comparison table and the subject's ratios to each peer.</summary>
internal static class Report
{
    public static string Render(SystemRuns subject, IReadOnlyList<SystemRuns> peers, IReadOnlyList<Goal> goals)
    {
        var text = new StringBuilder();
        var systems = new[] { subject }.Concat(peers).ToList();
        var width = Math.Max(8, systems.Max(s => s.Name.Length));
        text.AppendLine(Inv($"{"system".PadRight(width)}  {"turns/s",8}  {"p50 ms",7}  {"p99 ms",7}  {"max ms",7}  {"errors",6}  {"peak RSS MB",11}  {"CPU ms/turn",11}  {"alloc KB/turn",13}  {"GCs 0/1/2",10}  {"storage/turn (reads)",20}"));
        text.AppendLine(new string('-', width + 119));
        foreach (var s in systems)
        {
            var r = s.Median;
            text.AppendLine(Inv($"{s.Name.PadRight(width)}  {r.TurnsPerSecond,8:F0}  {r.P50Ms,7:F2}  {r.P99Ms,7:F2}  {r.MaxMs,7:F1}  {s.Errors,6}  {Optional(s.PeakRssMb, "F0"),11}  {Optional(r.CpuMsPerTurn, "F3"),11}  {Optional(r.AllocatedKbPerTurn, "F1"),13}  {Collections(r),10}  {Storage(r),20}"));
        }

        foreach (var s in systems.Where(x => x.Median.StorageCallsPerTurnByKind is { Count: > 0 }))
        {
            var calls = s.Median.StorageCallsPerTurnByKind!.Select(kv => Inv($"{kv.Key} {kv.Value:0.###}"));
            text.AppendLine(Inv($"{s.Name} storage calls per turn: {string.Join(", ", calls)}"));
        }

        text.AppendLine();
        foreach (var peer in peers)
        {
            text.AppendLine(Ratios(subject.Median, peer.Median, goals.FirstOrDefault(g => g.Peer == peer.Name)));
        }

        if (systems.Any(s => s.Rounds.Count > 1))
        {
            text.AppendLine();
            foreach (var s in systems)
            {
                text.AppendLine(Inv($"{s.Name} rounds, turns/s: {string.Join(", ", s.Rounds.Select(r => r.TurnsPerSecond.ToString("F0", CultureInfo.InvariantCulture)))}"));
            }

            // Round i of every system ran back to back, so a round's ratio shares that moment's machine load.
            foreach (var peer in peers.Where(p => p.Rounds.Count == subject.Rounds.Count))
            {
                var ratios = subject.Rounds.Zip(peer.Rounds, (a, b) => a.TurnsPerSecond / b.TurnsPerSecond).ToList();
                var median = ratios.Order().ElementAt(ratios.Count / 2);
                text.AppendLine(Inv($"{subject.Name} vs {peer.Name}, turns/s ratio per round: {string.Join(", ", ratios.Select(r => "x" + r.ToString("F2", CultureInfo.InvariantCulture)))} (median x{median:F2})"));
            }
        }

        foreach (var r in systems.SelectMany(s => s.Rounds).Where(r => r.Errors > 0))
        {
            var codes = string.Join(", ", r.ErrorStatusCodes.Select(kv => $"{kv.Key}x{kv.Value}"));
            text.AppendLine(Inv($"{r.Name}: {r.HttpErrors} non-2xx ({codes}), {r.TransportErrors} transport failures, {r.Timeouts} replies not received in time, {r.WrongReplies} replies without the expected card"));
        }

        return text.ToString();
    }

    private static string Ratios(RunResult subject, RunResult peer, Goal? goal)
    {
        var throughput = subject.TurnsPerSecond / peer.TurnsPerSecond;
        var p99 = subject.P99Ms / peer.P99Ms;
        var line = Inv($"{subject.Name} vs {peer.Name}: turns/s x{throughput:F2}");
        if (goal is not null)
        {
            line += Inv($" (goal >= x{goal.MinThroughputRatio:F2}: {Verdict(throughput >= goal.MinThroughputRatio)})");
        }

        line += Inv($", p99 x{p99:F2}");
        if (goal?.MaxP99Ratio is { } maxP99)
        {
            line += Inv($" (goal <= x{maxP99:F2}: {Verdict(p99 <= maxP99)})");
        }

        return line;
    }

    private static string Optional(double? value, string format) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";

    private static string Collections(RunResult r) =>
        r.Gen0Collections is null ? "n/a" : Inv($"{r.Gen0Collections}/{r.Gen1Collections}/{r.Gen2Collections}");

    private static string Storage(RunResult r) =>
        r.StorageCallsPerTurn is { } calls ? Inv($"{calls:F2} ({r.StorageReadsPerTurn:F2})") : "n/a";

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
