using Azure.Data.Tables;
using LearningBot.Connector.Hosting;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Escalation;

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
