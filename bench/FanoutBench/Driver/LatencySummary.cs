namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>Chat turn latencies (post to reply at the connector) of one phase.</summary>
internal sealed record LatencySummary(int Turns, int Errors, double P50Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary From(IReadOnlyCollection<double> latencies, int errors)
    {
        var sorted = latencies.Order().ToArray();
        return new LatencySummary(sorted.Length + errors, errors, Percentile(sorted, 50), Percentile(sorted, 99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
