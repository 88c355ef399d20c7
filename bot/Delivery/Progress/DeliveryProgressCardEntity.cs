using LearningBot.Storage;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// A row of <c>DeliveryProgressCards</c> in partition <c>card</c>, one per delivery: where its progress card was posted
/// (<see cref="Message"/>, a <c>SentMessage</c> as JSON; null while it is being posted), which period last claimed it
/// (<see cref="LastShownAt"/>, written with the ETag so one instance updates it per period), what it shows now
/// (<see cref="Shown"/>), and whether the final card is up.
/// </summary>
public sealed record DeliveryProgressCardEntity : TableRow
{
    public const string Partition = "card";

    public string DeliveryId { get; init; } = string.Empty;

    public string? Message { get; init; }

    public DateTimeOffset PostedAt { get; init; }

    public DateTimeOffset? LastShownAt { get; init; }

    public string? Shown { get; init; }

    public bool Finished { get; init; }

    public static DeliveryProgressCardEntity Posting(string deliveryId, DateTimeOffset now) => new()
    {
        PartitionKey = Partition,
        RowKey = TableKeys.Encode(deliveryId),
        DeliveryId = deliveryId,
        PostedAt = now,
    };
}
