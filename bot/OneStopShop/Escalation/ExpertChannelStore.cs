using Azure.Data.Tables;
using LearningBot.Connector.Hosting;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Reads and writes the expert channel setting (one row). Each instance uses what it read for
/// <see cref="EscalationOptions.ExpertChannelCacheDuration"/> before reading again, so a channel chosen on another
/// instance is used here within that time; the instance that chose it uses it at once. No channel yet is not remembered.
/// </summary>
public sealed class ExpertChannelStore(TableStorage tables, TimeProvider clock, IOptionsMonitor<EscalationOptions> options)
{
    public const string TableName = "EscalationSettings";
    internal const string Partition = "settings";
    internal const string Row = "expert-channel";

    private readonly LazyTable _table = tables.Table(TableName);
    private Remembered? _cached;

    public event Action? Changed;

    public async Task<ExpertChannel?> GetAsync(CancellationToken cancellationToken)
    {
        var remembered = Volatile.Read(ref _cached);
        if (remembered is { } cached && clock.GetUtcNow() - cached.ReadAt < options.CurrentValue.ExpertChannelCacheDuration)
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
        // Kept only when nothing newer was remembered meanwhile: a channel chosen here while this read was answered wins.
        Interlocked.CompareExchange(ref _cached, new Remembered(channel, clock.GetUtcNow()), remembered);
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
        Volatile.Write(ref _cached, new Remembered(channel, clock.GetUtcNow()));
        Changed?.Invoke();
    }

    /// <summary>One reference, so that a reader never sees one read's channel with another's time.</summary>
    private sealed record Remembered(ExpertChannel Channel, DateTimeOffset ReadAt);
}
