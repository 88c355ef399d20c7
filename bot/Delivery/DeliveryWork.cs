using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.Delivery;

/// <summary>One queue message: a delivery and up to <see cref="MaxRows"/> of its ledger row keys, as compact JSON.</summary>
public sealed record DeliveryWork(
    [property: JsonPropertyName("d")] string DeliveryId,
    [property: JsonPropertyName("r")] IReadOnlyList<string> Rows)
{
    public const int MaxRows = 32;

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The work a message names, or null when it is not a work message.</summary>
    public static DeliveryWork? TryParse(string text)
    {
        try
        {
            var work = JsonSerializer.Deserialize<DeliveryWork>(text);
            return work is { DeliveryId.Length: > 0, Rows.Count: > 0 } ? work : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Row keys in key order, <see cref="MaxRows"/> to a message, so each message's rows are one short range of the partition.</summary>
    public static IEnumerable<DeliveryWork> Split(string deliveryId, IEnumerable<string> rowKeys) =>
        rowKeys.Order(StringComparer.Ordinal).Chunk(MaxRows).Select(chunk => new DeliveryWork(deliveryId, chunk));
}
