namespace LearningBot.Storage;

/// <summary>
/// A row in a table. Implement it with a record whose other public properties (string, int, long, double,
/// bool, DateTime, DateTimeOffset, Guid, byte[], enums, and their nullable forms) become the entity's properties.
/// </summary>
public interface ITableEntity
{
    string PartitionKey { get; }
    string RowKey { get; }

    /// <summary>Set by the service on every write; ignored when writing.</summary>
    DateTimeOffset? Timestamp { get; }

    /// <summary>The version read from the service; ignored when writing (pass it as <c>ifMatch</c>).</summary>
    ETag ETag { get; }
}
