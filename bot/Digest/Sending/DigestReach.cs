using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.Digest.Sending;

/// <summary>
/// How many times an edition's full text was opened, by the organisation kind of the reader (table
/// <see cref="DigestReach.TableName"/>, partition = the edition's row key, row <c>opened|voluntary-sector|3</c>).
/// </summary>
public sealed record DigestOpenCounter : TableRow
{
    public int Opens { get; init; }
}

/// <summary>
/// "Opened the full digest", per edition and organisation kind. Only counters are kept: opens are counted, not people,
/// and nothing says who opened it. Keeping one row per reader to count each person once would be a record of who read
/// what, and a keyed hash of the person key is no better while its key sits beside it (person keys can be listed and
/// hashed again), so the report says "times opened". Each open adds one to one of <see cref="Shards"/> rows picked at
/// random, so thousands of readers opening at once rarely write the same row.
/// </summary>
public sealed class DigestReach(TableStorage tables)
{
    public const string TableName = "DigestReach";
    public const int Shards = 8;
    public const string UnknownKind = "unknown";
    private const string RowPrefix = "opened|";

    private readonly LazyTable _table = tables.Table(TableName);

    public async Task CountOpenAsync(int number, string? organisationKind, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var partition = DigestEdition.RowKeyOf(number);
        var row = $"{RowPrefix}{TableKeys.Encode(string.IsNullOrEmpty(organisationKind) ? UnknownKind : organisationKind)}|{Random.Shared.Next(Shards)}";
        try
        {
            await table.AddEntityAsync(new DigestOpenCounter { PartitionKey = partition, RowKey = row, Opens = 1 }, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            await table.ChangeAsync<DigestOpenCounter>(partition, row, counter => new EntityDecision<DigestOpenCounter>.Write(counter with { Opens = counter.Opens + 1 }),
                maxAttempts: 20, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Opens by organisation kind (<see cref="UnknownKind"/> for readers not in the people directory).</summary>
    public async Task<IReadOnlyDictionary<string, int>> OpensAsync(int number, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rows = await table.ListAsync<DigestOpenCounter>(
            TableClient.CreateQueryFilter($"PartitionKey eq {DigestEdition.RowKeyOf(number)}"), cancellationToken: cancellationToken);
        return rows
            .GroupBy(row => TableKeys.Decode(row.RowKey.Split('|')[1]))
            .ToDictionary(group => group.Key, group => group.Sum(row => row.Opens), StringComparer.Ordinal);
    }
}
