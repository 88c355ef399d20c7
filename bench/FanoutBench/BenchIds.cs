namespace LearningBot.Bench.FanoutBench;

/// <summary>
/// The ids the benchmark's Teams uses, derived from a person's Entra object id so the simulator can tell whose chat a
/// conversation is without a roster: Teams user <c>29:bench-&lt;id&gt;</c>, personal chat <c>a:bench-&lt;id&gt;</c>.
/// </summary>
internal static class BenchIds
{
    public const string TenantId = "4f1b7c2e-0000-4000-8000-fa0b0e5c7a11";
    public const string BotId = "28:fanout-bench-bot";
    public const string BotName = "LearningBot";
    private const string UserPrefix = "29:bench-";
    private const string ChatPrefix = "a:bench-";

    public static string TeamsUserId(string personId) => UserPrefix + personId;

    public static string ChatId(string personId) => ChatPrefix + personId;

    /// <summary>The person a member of a new conversation names: their Entra object id, or the one in their Teams id.</summary>
    public static string PersonOfMember(string? aadObjectId, string? memberId) =>
        aadObjectId is { Length: > 0 } ? aadObjectId
        : memberId is not null && memberId.StartsWith(UserPrefix, StringComparison.Ordinal) ? memberId[UserPrefix.Length..]
        : memberId ?? string.Empty;

    public static string? PersonOfChat(string conversationId) =>
        conversationId.StartsWith(ChatPrefix, StringComparison.Ordinal) ? conversationId[ChatPrefix.Length..] : null;
}
