using Azure;
using Azure.Data.Tables;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>The channel where the L&amp;D team sees escalated questions, as chosen by a team member.</summary>
public sealed record ExpertChannel(ConversationReference Conversation, string? TeamId, string? TeamName, string? ChannelName, string SetByName, DateTimeOffset SetAt);

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

/// <summary>Reads and writes the expert channel setting (one row), remembered for a minute between reads.</summary>
public sealed class ExpertChannelStore(TableStorage tables, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public const string TableName = "EscalationSettings";
    internal const string Partition = "settings";
    internal const string Row = "expert-channel";

    private readonly LazyTable _table = tables.Table(TableName);
    private (ExpertChannel Channel, DateTimeOffset ReadAt)? _cached;

    public event Action? Changed;

    public async Task<ExpertChannel?> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.ReadAt < CacheFor)
        {
            return cached.Channel;
        }

        var table = await _table.GetAsync(cancellationToken);
        var entity = await table.FindAsync<ExpertChannelEntity>(Partition, Row, cancellationToken: cancellationToken);
        if (entity is null || SentMessage.FromJson(entity.Conversation) is not { } stored)
        {
            return null;
        }

        var channel = new ExpertChannel(stored.Conversation, entity.TeamId, entity.TeamName, entity.ChannelName, entity.SetByName, entity.SetAt);
        _cached = (channel, clock.GetUtcNow());
        return channel;
    }

    public async Task SetAsync(ExpertChannel channel, Actor setBy, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new ExpertChannelEntity
        {
            Conversation = new SentMessage(channel.Conversation, null).ToJson(),
            TeamId = channel.TeamId,
            TeamName = channel.TeamName,
            ChannelName = channel.ChannelName,
            SetByKey = setBy.Key,
            SetByName = setBy.Name,
            SetAt = channel.SetAt,
        }, TableUpdateMode.Replace, cancellationToken);
        _cached = (channel, clock.GetUtcNow());
        Changed?.Invoke();
    }
}
