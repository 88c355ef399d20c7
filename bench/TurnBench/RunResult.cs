using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.Bench.TurnBench;

/// <summary>One system's measured figures, written as JSON so the report can compare systems.</summary>
internal sealed record RunResult(
    string Name,
    int Turns,
    int Users,
    int Warmup,
    int Completed,
    double ElapsedSeconds,
    double TurnsPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs,
    int Errors,
    int HttpErrors,
    int TransportErrors,
    int Timeouts,
    int WrongReplies,
    IReadOnlyDictionary<string, int> ErrorStatusCodes,
    double? PeakRssMb,
    double? EndRssMb,
    double? CpuMsPerTurn,
    double? AuxCpuMsPerTurn,
    double GeneratorCpuMsPerTurn,
    double ConnectorCallsPerTurn,
    double ConnectorBytesPerTurn,
    long ExtraReplies,
    double? AllocatedKbPerTurn,
    int? Gen0Collections,
    int? Gen1Collections,
    int? Gen2Collections,
    double? GcPauseMs,
    IReadOnlyDictionary<string, double>? StorageCallsPerTurnByKind = null)
{
    /// <summary>Table and queue round trips per turn (null when the system records none: the floor, the SDK peer).</summary>
    public double? StorageCallsPerTurn => StorageCallsPerTurnByKind?.Values.Sum();

    /// <summary>Reads (GET) among <see cref="StorageCallsPerTurn"/>; the rest write (or delete, or run a transaction).</summary>
    public double? StorageReadsPerTurn => StorageCallsPerTurnByKind?.Where(kv => kv.Key.EndsWith(":GET", StringComparison.Ordinal)).Sum(kv => kv.Value);

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public string ToJson() => JsonSerializer.Serialize(this, ResultJson.Default.RunResult);

    public static RunResult FromJson(string json) =>
        JsonSerializer.Deserialize(json, ResultJson.Default.RunResult) ?? throw new InvalidDataException("Empty result file.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunResult))]
internal sealed partial class ResultJson : JsonSerializerContext;
