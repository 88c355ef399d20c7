using Azure.Data.Tables;
using Azure;

namespace LearningBot.Storage;

/// <summary>
/// What every row the bot stores has (the SDK's <see cref="ITableEntity"/>): its two keys, the service's timestamp and
/// the ETag that guards changes. Entities are records deriving from this; a row with fixed keys sets them in its
/// constructor.
/// </summary>
public abstract record TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }
}
