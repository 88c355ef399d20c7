using LearningBot.Storage;

namespace LearningBot.Delivery;

/// <summary>
/// The index of open deliveries (partition <see cref="ActivePartition"/>, row = delivery id), so the sweep finds them
/// without reading every delivery there ever was. Removed once the delivery has finished.
/// </summary>
public sealed record ActiveDeliveryEntity : TableRow
{
    public const string ActivePartition = "active";

    public ActiveDeliveryEntity()
    {
        PartitionKey = ActivePartition;
    }

    public DateTimeOffset CreatedAt { get; init; }
}
