using LearningBot.Connector.Schema;

namespace LearningBot.Delivery;

/// <summary>
/// What a capability asks for: send <paramref name="Message"/> to <paramref name="Recipients"/>. The same
/// <paramref name="IdempotencyKey"/> (per <paramref name="Purpose"/>) always means the same delivery: asking twice
/// starts it once. <paramref name="ProgressTo"/> is the requester's conversation, where one progress card is kept up to date.
/// </summary>
public sealed record DeliveryRequest(
    string Purpose,
    string IdempotencyKey,
    string RequestedBy,
    Activity Message,
    IReadOnlyList<DeliveryRecipient> Recipients,
    ConversationReference? ProgressTo = null);

/// <summary>The delivery's id, and whether it already existed (the same request asked for again).</summary>
public sealed record DeliveryStarted(string DeliveryId, bool AlreadyExisted);

/// <summary>Where a delivery stands, counted from its recipients' ledger.</summary>
public sealed record DeliveryProgress(
    string DeliveryId,
    string Purpose,
    string RequestedBy,
    string Status,
    int Total,
    int Sent,
    int Unreachable,
    int Failed,
    int Cancelled,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    TimeSpan? EstimatedRemaining,
    DateTimeOffset? LedgerRemovedAt = null)
{
    /// <summary>The ledger was deleted after the retention period: the counts are all there is, and the report has no rows.</summary>
    public bool LedgerRemoved => LedgerRemovedAt is not null;

    public int Pending => Total - Sent - Unreachable - Failed - Cancelled;
}

/// <summary>Delivery statuses.</summary>
public static class DeliveryStatuses
{
    /// <summary>Being recorded: the ledger is written and the work queued; it becomes <see cref="Sending"/> once all is queued.</summary>
    public const string Planning = "planning";

    public const string Sending = "sending";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}

/// <summary>What became of one recipient (the ledger's outcome, and the report's).</summary>
public static class DeliveryOutcomes
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Unreachable = "unreachable";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>One line of the delivery report (CSV): the kind of recipient, their organisation, what happened and when. Never the message.</summary>
public sealed record DeliveryReportLine(string RecipientKind, string? Organisation, string? OrganisationKind, string Outcome, string? Reason, DateTimeOffset? At);

/// <summary>The one way to send to many: record a delivery durably and let the workers on every instance carry it out.</summary>
public interface IDeliveries
{
    /// <summary>Records the delivery and queues its work; returns at once (before anything is sent).</summary>
    Task<DeliveryStarted> StartAsync(DeliveryRequest request, CancellationToken cancellationToken);

    Task<DeliveryProgress?> GetProgressAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Stops the items not yet sent. False when the delivery is unknown or already finished.</summary>
    Task<bool> CancelAsync(string deliveryId, string cancelledBy, CancellationToken cancellationToken);

    IAsyncEnumerable<DeliveryReportLine> ReportAsync(string deliveryId, CancellationToken cancellationToken);
}
