using Azure.Data.Tables;
using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Storage;

/// <summary>Deleting a partition's rows for the retention jobs, on Azurite: keys only, 100 to a transaction, across pages.</summary>
public sealed class PartitionRowDeletionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Deletes_every_row_of_a_partition_over_more_than_one_page_and_leaves_the_other_partitions()
    {
        var table = await azurite.CreateTableAsync();
        await AddRowsAsync(table, "2025-01", 1_234);
        await AddRowsAsync(table, "2025-02", 3);

        var deleted = await table.DeletePartitionRowsAsync("2025-01", rowFilter: null, CancellationToken.None);

        Assert.Equal(1_234, deleted);
        Assert.Equal(new Dictionary<string, int> { ["2025-02"] = 3 }, await CountByPartitionAsync(table));
    }

    [Fact]
    public async Task Deletes_only_the_rows_the_filter_names()
    {
        var table = await azurite.CreateTableAsync();
        await AddRowsAsync(table, "delivery-1", 150);
        await table.AddEntityAsync(new TableEntity("delivery-1", "header"));

        var deleted = await table.DeletePartitionRowsAsync("delivery-1", TableClient.CreateQueryFilter($"RowKey ne {"header"}"), CancellationToken.None);

        Assert.Equal(150, deleted);
        var left = await table.ListAsync<TableEntity>(null, cancellationToken: CancellationToken.None);
        Assert.Equal("header", Assert.Single(left).RowKey);
    }

    [Fact]
    public async Task Two_runs_at_once_delete_each_row_once_and_a_run_after_them_finds_nothing()
    {
        var table = await azurite.CreateTableAsync();
        await AddRowsAsync(table, "2025-03", 450);

        var together = await Task.WhenAll(
            table.DeletePartitionRowsAsync("2025-03", null, CancellationToken.None),
            table.DeletePartitionRowsAsync("2025-03", null, CancellationToken.None));
        var after = await table.DeletePartitionRowsAsync("2025-03", null, CancellationToken.None);

        Assert.Equal(450, together.Sum());
        Assert.Equal(0, after);
        Assert.Empty(await CountByPartitionAsync(table));
    }

    private static async Task AddRowsAsync(TableClient table, string partition, int count)
    {
        var rows = Enumerable.Range(0, count).Select(n => new TableEntity(partition, $"r|{n:D6}") { ["Question"] = "words" });
        foreach (var batch in rows.Chunk(PartitionRowDeletion.TransactionRows))
        {
            await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
        }
    }

    private static async Task<Dictionary<string, int>> CountByPartitionAsync(TableClient table)
    {
        var rows = await table.ListAsync<TableEntity>(null, [nameof(ITableEntity.PartitionKey)], CancellationToken.None);
        return rows.GroupBy(row => row.PartitionKey).ToDictionary(group => group.Key, group => group.Count());
    }
}
