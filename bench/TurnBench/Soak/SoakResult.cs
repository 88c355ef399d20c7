using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.Bench.TurnBench.Soak;

/// <summary>
/// One window of the soak (a minute by default), by the time its turns were due to start. Memory: the bot's resident
/// set (mean and highest of the once-a-second samples), the GC heap's size after a collection (the lowest in the
/// window, which is the heap after the window's gen2 collection when it had one) and after the window's last gen2.
/// CPU in percent of one core.
/// </summary>
internal sealed record SoakWindowResult(
    int Window,
    double StartMinute,
    bool Warmup,
    int Turns,
    double TurnsPerSecond,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    int Errors,
    int Lost,
    long Duplicates,
    double? RssMb,
    double? RssMaxMb,
    double? HeapAfterGcMb,
    double? Gen2HeapMb,
    double? Gen2LiveMb,
    int? Gen2Collections,
    double? CpuPercent,
    double? AuxCpuPercent,
    long Delivered);

/// <summary>One kind of turn over the measured phase.</summary>
internal sealed record SoakKindResult(string Kind, int Turns, double P50Ms, double P99Ms, double MaxMs, int Errors, int Lost);

/// <summary>One announcement: when it started (seconds into the soak), how long until every recipient had it, and the ledger's check.</summary>
internal sealed record SoakDeliveryResult(int Number, double StartedSeconds, double? CompletedSeconds, int Reached, int Missing, int Duplicates, int Unexpected);

internal sealed record SoakResult(
    double Rate,
    double Minutes,
    double WarmupMinutes,
    string Mix,
    int Users,
    int Recipients,
    int Cores,
    IReadOnlyList<SoakWindowResult> Windows,
    IReadOnlyList<SoakKindResult> Kinds,
    IReadOnlyList<SoakDeliveryResult> Deliveries,
    IReadOnlyList<string> DeliveryFailures,
    int MeasuredTurns,
    double MeasuredTurnsPerSecond,
    double P50Ms,
    double P99Ms,
    double? P99WindowMinMs,
    double? P99WindowMedianMs,
    double? P99WindowMaxMs,
    double? HeapSlopeMbPer10Min,
    double? RssSlopeMbPer10Min,
    double? HeapSlopeSecondHalfMbPer10Min,
    double? RssSlopeSecondHalfMbPer10Min,
    double? LiveSlopeMbPer10Min,
    double? LiveSlopeSecondHalfMbPer10Min,
    int Errors,
    IReadOnlyDictionary<string, int> ErrorsByCause,
    int Lost,
    int LostArrivedLater,
    long Duplicates,
    long DeliveryMessages,
    int DeliveryMissing,
    int DeliveryDuplicates,
    double? StorageCallsPerTurn,
    IReadOnlyDictionary<string, double>? StorageCallsPerTurnByKind,
    double GeneratorMaxLagMs,
    int SetupErrors,
    bool Stopped = false)
{
    /// <summary>Ran to the end with no errors, no lost or duplicated reply, and every recipient of every announcement had it exactly once.</summary>
    public bool Passed => !Stopped && Errors == 0 && Lost == 0 && Duplicates == 0 && SetupErrors == 0
        && (Recipients == 0 || (Deliveries.Count > 0 && DeliveryMissing == 0 && DeliveryDuplicates == 0 && Deliveries.All(d => d.Unexpected == 0) && DeliveryFailures.Count == 0));

    public string ToJson() => JsonSerializer.Serialize(this, SoakJson.Default.SoakResult);

    /// <summary>The least-squares slope of <paramref name="points"/> (x in minutes), in units per 10 minutes; null with fewer than two points.</summary>
    public static double? SlopePer10Minutes(IReadOnlyList<(double Minute, double Value)> points)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var meanX = points.Average(p => p.Minute);
        var meanY = points.Average(p => p.Value);
        var sxx = points.Sum(p => (p.Minute - meanX) * (p.Minute - meanX));
        return sxx == 0 ? null : points.Sum(p => (p.Minute - meanX) * (p.Value - meanY)) / sxx * 10;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Soak: {Rate:0.#} turns/s open loop ({Mix}), {WarmupMinutes:0.#} min warm-up + {Minutes:0.#} min measured, {Users} users, {(Recipients > 0 ? $"announcements to {Recipients} people one after another" : "no delivery")}, {Cores} cores.");
        text.AppendLine();
        text.AppendLine("window  turns/s   p50 ms   p99 ms   max ms  errors  lost  dups   RSS MB  heap MB  gen2 heap  gen2 live  gen2s  CPU %  Azurite %  delivered");
        foreach (var w in Windows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{(w.Warmup ? $"w{w.Window + 1}" : (w.Window + 1).ToString(CultureInfo.InvariantCulture)),6}  {w.TurnsPerSecond,7:F1}  {w.P50Ms,7:F1}  {w.P99Ms,7:F1}  {w.MaxMs,7:F0}  {w.Errors,6}  {w.Lost,4}  {w.Duplicates,4}  {Num(w.RssMb),7}  {Num(w.HeapAfterGcMb),7}  {Num(w.Gen2HeapMb),9}  {Num(w.Gen2LiveMb),9}  {w.Gen2Collections?.ToString(CultureInfo.InvariantCulture) ?? "-",5}  {Num(w.CpuPercent, "F0"),5}  {Num(w.AuxCpuPercent, "F0"),9}  {w.Delivered,9}");
        }

        text.AppendLine("(w: warm-up, not in the figures below; heap MB: the GC heap after a collection, lowest in the window; gen2 heap: after the window's last gen2 collection; gen2 live: that heap less its free space, what the collection found alive)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"measured: {MeasuredTurns} turns, {MeasuredTurnsPerSecond:F1}/s, p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms; p99 per window min {Num(P99WindowMinMs)} / median {Num(P99WindowMedianMs)} / max {Num(P99WindowMaxMs)} ms");
        foreach (var kind in Kinds)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Kind,-12} {kind.Turns,7} turns  p50 {kind.P50Ms,7:F1} ms  p99 {kind.P99Ms,7:F1} ms  max {kind.MaxMs,7:F0} ms  errors {kind.Errors}  lost {kind.Lost}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"memory slope after warm-up, MB per 10 min: GC heap {Signed(HeapSlopeMbPer10Min)} (second half {Signed(HeapSlopeSecondHalfMbPer10Min)}), RSS {Signed(RssSlopeMbPer10Min)} (second half {Signed(RssSlopeSecondHalfMbPer10Min)}), live after gen2 {Signed(LiveSlopeMbPer10Min)} (second half {Signed(LiveSlopeSecondHalfMbPer10Min)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"errors {Errors}{(ErrorsByCause.Count > 0 ? " (" + string.Join(", ", ErrorsByCause.Select(kv => $"{kv.Key} {kv.Value}")) + ")" : "")}, lost replies {Lost}{(LostArrivedLater > 0 ? $" ({LostArrivedLater} arrived after the timeout)" : "")}, duplicated replies {Duplicates}, set-up errors {SetupErrors}; generator's largest lag behind the schedule {GeneratorMaxLagMs:F0} ms");
        if (Recipients > 0)
        {
            var completed = Deliveries.Where(d => d.CompletedSeconds is not null).Select(d => d.CompletedSeconds!.Value).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"delivery: {Deliveries.Count} announcements to {Recipients} people ({completed.Count} completed{(completed.Count > 0 ? $", {Median(completed):F0} s each (median)" : "")}), {DeliveryMessages} messages, missing {DeliveryMissing}, duplicated {DeliveryDuplicates}, to people outside the audience {Deliveries.Sum(d => d.Unexpected)}{(DeliveryFailures.Count > 0 ? "; failures: " + string.Join("; ", DeliveryFailures) : "")}");
        }

        if (StorageCallsPerTurn is { } calls)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"storage calls per measured turn (the delivery's and the bot's background work included): {calls:F2}");
            text.AppendLine("  " + string.Join(", ", StorageCallsPerTurnByKind!.OrderByDescending(kv => kv.Value).Take(12).Select(kv => $"{kv.Key} {kv.Value:F2}")));
        }

        if (Stopped)
        {
            text.AppendLine("STOPPED before the end (Ctrl-C): the figures cover what ran.");
        }

        text.AppendLine(Passed ? "PASSED: no errors, no lost or duplicated replies, every recipient had each announcement exactly once." : "FAILED: see errors, lost, duplicates and the delivery above.");
        return text.ToString();
    }

    private static string Num(double? value, string format = "F1") => value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Signed(double? value) => value is { } v ? v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "n/a";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SoakResult))]
internal sealed partial class SoakJson : JsonSerializerContext;
