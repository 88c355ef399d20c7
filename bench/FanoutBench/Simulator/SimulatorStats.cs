using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>What the simulator has seen since it was last reset (GET /stats).</summary>
internal sealed record SimulatorStats(
    double SecondsSinceMark,
    long Requests,
    IReadOnlyDictionary<string, long> RequestsByOperation,
    int Delivered,
    long Messages,
    long Duplicates,
    int DuplicatedConversations,
    double? FirstDeliverySeconds,
    double? LastNewRecipientSeconds,
    long ConversationsCreated,
    long CreateRefusedWithoutTeams,
    long Throttled,
    long ThrottledByTenantLimit,
    long ThrottledByConversationLimit,
    long ThrottledTurnReplies,
    long Injected503,
    long InjectedResets,
    int PeakFixedWindow,
    int PeakSlidingOffered,
    int PeakSlidingAccepted,
    long ProgressUpdates,
    string? LastProgressText,
    IReadOnlyDictionary<string, long> Unexpected)
{
    public string ToJson() => JsonSerializer.Serialize(this, SimulatorJson.Default.SimulatorStats);

    public static SimulatorStats FromJson(string json) =>
        JsonSerializer.Deserialize(json, SimulatorJson.Default.SimulatorStats) ?? throw new InvalidDataException("Empty stats.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(SimulatorStats))]
internal sealed partial class SimulatorJson : JsonSerializerContext;
