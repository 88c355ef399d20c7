using Azure;
using Azure.Data.Tables;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>Stored form of the <see cref="ExpertChannel"/>.</summary>
public sealed record ExpertChannelEntity : ITableEntity
{
    public string PartitionKey { get; set; } = ExpertChannelStore.Partition;
    public string RowKey { get; set; } = ExpertChannelStore.Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The channel's <see cref="ConversationReference"/> (as a <see cref="SentMessage"/> with no activity id).</summary>
    public string Conversation { get; init; } = string.Empty;
    public string? TeamId { get; init; }
    public string? TeamName { get; init; }
    public string? ChannelName { get; init; }
    public string SetByKey { get; init; } = string.Empty;
    public string SetByName { get; init; } = string.Empty;
    public DateTimeOffset SetAt { get; init; }
}
