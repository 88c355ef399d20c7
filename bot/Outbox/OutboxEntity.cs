using Azure;
using Azure.Data.Tables;

namespace LearningBot.Outbox;

/// <summary>
/// A message the bot owes somebody, stored in the same partition as the change it tells them about and written in the
/// same entity-group transaction, so the change is never saved without it. <see cref="OutboxDelivery"/> sends it and
/// records how it went; <see cref="Pending"/> stays true until it was delivered or cannot be.
/// </summary>
public sealed record OutboxEntity : ITableEntity
{
    /// <summary>Every outbox row key starts with this; <see cref="RowKeyEnd"/> is the first key after them all.</summary>
    public const string RowKeyPrefix = "outbox|";

    public const string RowKeyEnd = "outbox}";

    /// <summary>The <see cref="LeaseOwner"/> of a row committed already claimed for the kick after its commit (<see cref="OutboxDispatcher.HeldForKick"/>).</summary>
    public const string HeldByCommit = "commit";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Who delivers it: an <see cref="IOutboxHandler.Kind"/>.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The person to message (a person key), for <see cref="OutboxKinds.Person"/>.</summary>
    public string? Recipient { get; init; }

    /// <summary>Where to post (a conversation reference as JSON), for <see cref="OutboxKinds.Conversation"/>.</summary>
    public string? Conversation { get; init; }

    /// <summary>What the message is about (a review id, say), for a handler that renders it when it is sent or records its delivery there.</summary>
    public string? Subject { get; init; }

    /// <summary>The activity to send, as JSON; dropped once it has been delivered.</summary>
    public string? Activity { get; init; }

    /// <summary>
    /// Rows of one partition with the same collapse key say the same thing in newer and older versions (a card that
    /// shows the current state): delivering the newest covers the older ones, which are marked superseded.
    /// </summary>
    public string? CollapseKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>True until delivered, found undeliverable, superseded or given up on: the outbox scans for these.</summary>
    public bool Pending { get; init; } = true;

    /// <summary>How it ended (<see cref="OutboxOutcome"/>), once it has.</summary>
    public string? Outcome { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The id the channel gave the message that was sent.</summary>
    public string? SentActivityId { get; init; }

    /// <summary>Delivery attempts so far (each starts with a claim).</summary>
    public int Attempts { get; init; }

    /// <summary>Not tried again before this (backing off after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>While set and in the future, one instance is delivering the row and others leave it alone.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public string? LeaseOwner { get; init; }

    /// <summary>Why the last attempt failed: a code (HTTP status, error code), never message text.</summary>
    public string? LastError { get; init; }

    public static string RowKeyFor(string notificationId) => RowKeyPrefix + notificationId;

    /// <summary>
    /// The write that marks this row delivered, for a handler that records the delivery on the change the row told about
    /// (which shares its partition): put in the same transaction as that record, neither is written without the other. It
    /// is made at this row's ETag, the claim's for the row a handler is given, so if another instance has taken the row
    /// since (the claim ran out) the transaction writes nothing. A handler that commits it returns <see cref="OutboxResult.Settled"/>.
    /// </summary>
    public TableTransactionAction SettleDelivered(string? activityId, DateTimeOffset now) =>
        new(TableTransactionActionType.UpdateReplace, AsDelivered(activityId, now), ETag);

    internal OutboxEntity AsDelivered(string? activityId, DateTimeOffset now) => this with
    {
        Pending = false, Outcome = OutboxOutcome.Delivered, DeliveredAt = now, SentActivityId = activityId,
        Activity = null, LeaseUntil = null, LeaseOwner = null, LastError = null,
    };
}
