using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>One scenario's figures (bench/README.md says what each means).</summary>
internal sealed record ScenarioResult(
    string Scenario,
    string Description,
    string Status,
    string Detail,
    int Recipients,
    int Reachable,
    int WithoutTeams,
    int WithoutChat,
    int Instances,
    double InstallSeconds,
    int InstallErrors,
    double? SecondsToComplete,
    double OptimumSeconds,
    int Delivered,
    long Duplicates,
    int DuplicatedConversations,
    int Lost,
    int UnexpectedRecipients,
    long Throttled,
    long ThrottledByTenantLimit,
    long ThrottledByConversationLimit,
    long ThrottledTurnReplies,
    long Injected503,
    long InjectedResets,
    int PeakFixedWindow,
    int PeakSlidingOffered,
    int PeakSlidingAccepted,
    long ConversationsCreated,
    long CreateRefusedWithoutTeams,
    long ConnectorRequests,
    long ProgressUpdates,
    string? LastProgressText,
    int? DeliveredAtKill,
    double? RestartSeconds,
    double PeakRssMb,
    double CpuSeconds,
    LatencySummary? IdleTurns,
    LatencySummary? TurnsDuringDelivery,
    int BotWarnings,
    IReadOnlyDictionary<string, long> UnexpectedCalls)
{
    public double? RatioToOptimum => SecondsToComplete / OptimumSeconds;

    public string ToJson() => JsonSerializer.Serialize(this, ScenarioJson.Default.ScenarioResult);

    public static ScenarioResult FromJson(string json) =>
        JsonSerializer.Deserialize(json, ScenarioJson.Default.ScenarioResult) ?? throw new InvalidDataException("Empty result file.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ScenarioResult))]
internal sealed partial class ScenarioJson : JsonSerializerContext;
