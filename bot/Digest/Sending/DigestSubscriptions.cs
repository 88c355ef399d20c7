using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.Digest.Sending;

/// <summary>
/// Whether a person has stopped the digest (table <see cref="DigestSubscriptions.TableName"/>, partition
/// <see cref="Partition"/>, row = the person key). No row means they get it.
/// </summary>
public sealed record DigestSubscription : TableRow
{
    public const string Partition = "person";

    public DigestSubscription()
    {
        PartitionKey = Partition;
    }

    public bool Unsubscribed { get; init; }

    public DateTimeOffset ChangedAt { get; init; }
}

/// <summary>Who has stopped the digest. Stopping or starting again twice is the same as once.</summary>
public sealed class DigestSubscriptions(TableStorage tables, TimeProvider clock)
{
    public const string TableName = "DigestSubscriptions";

    private readonly LazyTable _table = tables.Table(TableName);

    public Task UnsubscribeAsync(string personKey, CancellationToken cancellationToken) => SetAsync(personKey, unsubscribed: true, cancellationToken);

    public Task SubscribeAsync(string personKey, CancellationToken cancellationToken) => SetAsync(personKey, unsubscribed: false, cancellationToken);

    public async Task<bool> IsUnsubscribedAsync(string personKey, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return (await table.FindAsync<DigestSubscription>(DigestSubscription.Partition, TableKeys.Encode(personKey), cancellationToken: cancellationToken))?.Unsubscribed == true;
    }

    /// <summary>The person keys of everyone who has stopped the digest.</summary>
    public async Task<IReadOnlySet<string>> UnsubscribedAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rows = await table.ListAsync<DigestSubscription>(
            TableClient.CreateQueryFilter($"PartitionKey eq {DigestSubscription.Partition} and Unsubscribed eq {true}"), ["RowKey"], cancellationToken);
        return rows.Select(row => TableKeys.Decode(row.RowKey)).ToHashSet(StringComparer.Ordinal);
    }

    private async Task SetAsync(string personKey, bool unsubscribed, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(
            new DigestSubscription { RowKey = TableKeys.Encode(personKey), Unsubscribed = unsubscribed, ChangedAt = clock.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken);
    }
}
