using Azure;
using Azure.Data.Tables;
using LearningBot.Leads;
using LearningBot.Storage;

namespace LearningBot.GoodPractice.Networks;

/// <summary>The channels networks chose for good practice, and which examples each network was told of.</summary>
public sealed class NetworkChannelStore(TableStorage tables)
{
    public const string TableName = "GoodPracticeNetworkChannels";

    private readonly LazyTable _table = tables.Table(TableName);

    public async Task<NetworkChannel?> FindAsync(string networkKey, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<NetworkChannel>(NetworkChannel.Partition, LeadEntry.RowKeyFor(networkKey), cancellationToken: cancellationToken);
    }

    /// <summary>Every network's channel (one row per network).</summary>
    public async Task<List<NetworkChannel>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ListAsync<NetworkChannel>(TableClient.CreateQueryFilter($"PartitionKey eq {NetworkChannel.Partition}"), cancellationToken: cancellationToken);
    }

    /// <summary>Sets (or moves) the network's channel.</summary>
    public async Task SetAsync(NetworkChannel channel, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(channel, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes the network's channel; whether there was one.</summary>
    public async Task<bool> RemoveAsync(string networkKey, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.DeleteEntityAsync(NetworkChannel.Partition, LeadEntry.RowKeyFor(networkKey), ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.IsNotFound())
        {
            return false;
        }
    }

    /// <summary>Records that the network is told of the example unless it was; whether it was added now.</summary>
    public async Task<bool> AddPostIfAbsentAsync(NetworkPost post, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(post, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            return false;
        }
    }

    public async Task<NetworkPost?> FindPostAsync(string networkKey, string exampleId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<NetworkPost>(NetworkPost.Partition, NetworkPost.KeyOf(networkKey, exampleId), cancellationToken: cancellationToken);
    }

    public async Task RecordDeliveryAsync(string networkKey, string exampleId, string deliveryId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.ChangeAsync<NetworkPost>(NetworkPost.Partition, NetworkPost.KeyOf(networkKey, exampleId), current => current.DeliveryId is null
            ? new EntityDecision<NetworkPost>.Write(current with { DeliveryId = deliveryId })
            : new EntityDecision<NetworkPost>.Keep(), cancellationToken: cancellationToken);
    }
}
