using System.ComponentModel.DataAnnotations;

namespace LearningBot.Delivery.Sending;

/// <summary>
/// Teams' limits on proactive messages as the delivery path applies them (section <c>Delivery:Budget</c>). The defaults
/// are the documented limits: 50 requests a second per bot per tenant, and per conversation 7 a second, 8 in 2 s, 60 in
/// 30 s and 1,800 an hour.
/// </summary>
public sealed record SendBudgetOptions : IValidatableObject
{
    public const string Section = "Delivery:Budget";

    /// <summary>Bot Connector requests a second for the whole tenant, shared by every instance.</summary>
    public int PerSecond { get; init; } = 50;

    public int PerConversationPerSecond { get; init; } = 7;

    public int PerConversationPer2Seconds { get; init; } = 8;

    public int PerConversationPer30Seconds { get; init; } = 60;

    public int PerConversationPerHour { get; init; } = 1800;

    /// <summary>The most tokens an instance takes from a slot at once (fewer near the end of the slot).</summary>
    public int BlockSize { get; init; } = 10;

    /// <summary>
    /// The share of <see cref="PerSecond"/> that deliveries use, spread evenly over each second (48 of 50 by default). The
    /// rest absorbs network jitter, which can bring two evenly spaced requests closer together on arrival, and leaves room
    /// for the bot's replies to people who are talking to it while a delivery runs.
    /// </summary>
    public double SlotUsableFraction { get; init; } = 0.96;

    /// <summary>Conversations whose recent sends are remembered at once (see <see cref="ConversationRateLimiter"/>).</summary>
    public int MaxTrackedConversations { get; init; } = 50_000;

    /// <summary>
    /// The longest a worker waits for a conversation's limits or a 429's pause before sending. A longer wait (a Retry-After
    /// of minutes, a conversation at its hourly limit) is handed back as <see cref="RecipientSendResult.Throttled"/>, so
    /// the item is requeued with that delay and the worker moves on.
    /// </summary>
    public TimeSpan LongestWaitInWorker { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often taking a block may lose the race to another instance before the wait is retried from scratch.</summary>
    public int MaxClaimAttempts { get; init; } = 8;

    /// <summary>Per-conversation limits, shortest window first.</summary>
    public IReadOnlyList<ConversationLimit> ConversationLimits() =>
    [
        new(PerConversationPerSecond, TimeSpan.FromSeconds(1)),
        new(PerConversationPer2Seconds, TimeSpan.FromSeconds(2)),
        new(PerConversationPer30Seconds, TimeSpan.FromSeconds(30)),
        new(PerConversationPerHour, TimeSpan.FromHours(1)),
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PerSecond is < 1 or > 100_000)
        {
            yield return new($"{Section}:{nameof(PerSecond)} must be between 1 and 100000.", [nameof(PerSecond)]);
        }

        if (PerConversationPerSecond < 1 || PerConversationPer2Seconds < 1 || PerConversationPer30Seconds < 1 || PerConversationPerHour < 1)
        {
            yield return new($"{Section}: every per-conversation limit must be at least 1.", [nameof(PerConversationPerSecond)]);
        }

        if (BlockSize < 1 || BlockSize > PerSecond)
        {
            yield return new($"{Section}:{nameof(BlockSize)} must be between 1 and {Section}:{nameof(PerSecond)}.", [nameof(BlockSize)]);
        }

        if (SlotUsableFraction is < 0.5 or > 1)
        {
            yield return new($"{Section}:{nameof(SlotUsableFraction)} must be between 0.5 and 1.", [nameof(SlotUsableFraction)]);
        }

        if (MaxTrackedConversations < 100)
        {
            yield return new($"{Section}:{nameof(MaxTrackedConversations)} must be at least 100.", [nameof(MaxTrackedConversations)]);
        }

        if (LongestWaitInWorker < TimeSpan.Zero || LongestWaitInWorker > TimeSpan.FromMinutes(1))
        {
            yield return new($"{Section}:{nameof(LongestWaitInWorker)} must be between 00:00:00 and 00:01:00.", [nameof(LongestWaitInWorker)]);
        }

        if (MaxClaimAttempts is < 1 or > 100)
        {
            yield return new($"{Section}:{nameof(MaxClaimAttempts)} must be between 1 and 100.", [nameof(MaxClaimAttempts)]);
        }
    }
}
