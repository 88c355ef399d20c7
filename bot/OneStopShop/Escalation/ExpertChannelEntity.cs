using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>Stored form of the <see cref="ExpertChannel"/>.</summary>
public sealed record ExpertChannelEntity : TableRow
{
    public ExpertChannelEntity()
    {
        PartitionKey = ExpertChannelStore.Partition;
        RowKey = ExpertChannelStore.Row;
    }

    /// <summary>The channel's <see cref="ConversationReference"/> (as a <see cref="SentMessage"/> with no activity id).</summary>
    public string Conversation { get; init; } = string.Empty;
    public string? TeamId { get; init; }
    public string? TeamName { get; init; }
    public string? ChannelName { get; init; }
    public string SetByKey { get; init; } = string.Empty;
    public string SetByName { get; init; } = string.Empty;
    public DateTimeOffset SetAt { get; init; }
}
