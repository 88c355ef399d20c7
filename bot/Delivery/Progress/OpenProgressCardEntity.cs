using LearningBot.Storage;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// A row of <c>DeliveryProgressCards</c> in partition <c>open</c>: a card that is still being kept up to date. The
/// updater reads only this partition, so finished deliveries cost it nothing; the row is deleted when the final card is up.
/// </summary>
public sealed record OpenProgressCardEntity : TableRow
{
    public const string Partition = "open";

    public string DeliveryId { get; init; } = string.Empty;

    public static OpenProgressCardEntity For(string deliveryId) => new()
    {
        PartitionKey = Partition,
        RowKey = TableKeys.Encode(deliveryId),
        DeliveryId = deliveryId,
    };
}
