using System.Runtime.Serialization;
using LearningBot.Storage;

namespace LearningBot.Delivery;

/// <summary>
/// A delivery's header row (partition = delivery id, row <see cref="HeaderRowKey"/>): what to send, who asked, where it
/// stands. The counts are kept up to date by the workers as they settle recipients (a lower bound while it runs, exact
/// once it has finished); the ledger rows (in <see cref="LedgerTable"/>) are the truth.
/// </summary>
public sealed record DeliveryEntity : TableRow
{
    public const string HeaderRowKey = "header";

    public DeliveryEntity()
    {
        RowKey = HeaderRowKey;
    }

    public string Purpose { get; init; } = string.Empty;

    public string RequestedBy { get; init; } = string.Empty;

    /// <summary>The message every recipient gets, as JSON (at most <see cref="DeliveryKeys.MaxActivityChars"/> characters).</summary>
    public string Activity { get; init; } = string.Empty;

    /// <summary>The requester's conversation for the progress card, as JSON.</summary>
    public string? ProgressTo { get; init; }

    public string Status { get; init; } = DeliveryStatuses.Planning;

    public int Total { get; init; }

    public int Sent { get; init; }

    public int Unreachable { get; init; }

    public int Failed { get; init; }

    public int Cancelled { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The table the ledger rows are in (<see cref="DeliveryStore.LedgerTableName"/>, without the deployment's prefix);
    /// null for a delivery recorded before ledgers had tables of their own, whose rows are beside the header.
    /// </summary>
    public string? LedgerTable { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>
    /// When the ledger's table was deleted, <c>Delivery:LedgerRetention</c> after the delivery finished; the counts above
    /// are then all that is kept of who it went to.
    /// </summary>
    public DateTimeOffset? LedgerRemovedAt { get; init; }

    public string? CancelledBy { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>When a worker last settled a recipient (or the delivery last changed): the sweep's sign of life.</summary>
    public DateTimeOffset LastActivityAt { get; init; }

    /// <summary>Two samples of (time, settled) for the recent rate: the older one, and the newer one.</summary>
    public DateTimeOffset? RateFromAt { get; init; }

    public int RateFromSettled { get; init; }

    public DateTimeOffset? RateToAt { get; init; }

    public int RateToSettled { get; init; }

    [IgnoreDataMember]
    public int Settled => Sent + Unreachable + Failed + Cancelled;

    [IgnoreDataMember]
    public bool IsOpen => FinishedAt is null && Status is DeliveryStatuses.Planning or DeliveryStatuses.Sending or DeliveryStatuses.Cancelled;
}
