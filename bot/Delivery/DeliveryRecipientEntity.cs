using LearningBot.Storage;

namespace LearningBot.Delivery;

/// <summary>
/// One recipient's ledger row in a delivery's partition (row key <see cref="DeliveryKeys.RecipientRowKey"/>). A worker
/// claims it with its ETag (<see cref="LeaseUntil"/>, <see cref="LeaseOwner"/>) before sending and settles it with the
/// claim's ETag, so it is sent once however many workers see it. <see cref="Outcome"/> is null while it is pending.
/// </summary>
public sealed record DeliveryRecipientEntity : TableRow
{
    public string Kind { get; init; } = string.Empty;

    public string Key { get; init; } = string.Empty;

    public string? Organisation { get; init; }

    public string? OrganisationKind { get; init; }

    /// <summary>For a channel: its conversation reference as JSON.</summary>
    public string? Conversation { get; init; }

    public bool UsesTeams { get; init; } = true;

    /// <summary>A <see cref="DeliveryOutcomes"/> value once settled; null while pending.</summary>
    public string? Outcome { get; init; }

    /// <summary>Why it was unreachable or failed: a code, never message text.</summary>
    public string? Reason { get; init; }

    /// <summary>The last failed attempt's code, while retrying and after giving up.</summary>
    public string? LastError { get; init; }

    /// <summary>Attempts so far; a throttled attempt is not counted.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? SettledAt { get; init; }

    /// <summary>The id the channel gave the message that was sent.</summary>
    public string? ActivityId { get; init; }

    public DeliveryRecipient ToRecipient() => new(Kind, Key, Organisation, OrganisationKind, Conversation, UsesTeams);
}
