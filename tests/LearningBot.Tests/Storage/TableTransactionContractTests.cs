using Azure.Data.Tables;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using static LearningBot.Tests.Storage.TableEntityContractTests;

namespace LearningBot.Tests.Storage;

/// <summary>Entity-group transactions, which tickets, reviews and the people seed use: all of it is written, or none.</summary>
public sealed class TableTransactionContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_transaction_applies_every_kind_of_action_and_returns_new_etags()
    {
        var table = await azurite.CreateTableAsync();
        var toMerge = (await table.AddEntityAsync(Progress("p", "merge") with { Note = "keep", Completed = 1 })).NewETag();
        await table.AddEntityAsync(Progress("p", "replace") with { Note = "drop" });
        var toDelete = (await table.AddEntityAsync(Progress("p", "delete"))).NewETag();
        await table.AddEntityAsync(Progress("p", "upsert-merge") with { Note = "kept too" });

        var results = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Progress("p", "new")),
            new(TableTransactionActionType.UpdateMerge, Progress("p", "merge") with { Note = null, Completed = 2 }, toMerge),
            new(TableTransactionActionType.UpdateReplace, Progress("p", "replace") with { Note = null, Completed = 3 }),
            new(TableTransactionActionType.Delete, Progress("p", "delete"), toDelete),
            new(TableTransactionActionType.UpsertMerge, Progress("p", "upsert-merge") with { Note = null, Completed = 4 }),
            new(TableTransactionActionType.UpsertReplace, Progress("p", "upsert-replace") with { Completed = 5 }),
        ]);

        Assert.Equal(6, results.Value.Count);
        Assert.All(results.Value.Where((_, i) => i != 3), r => Assert.NotEqual(default, r.NewETag()));
        var rows = await table.QueryAsync<ProgressEntity>().ToDictionaryAsync(r => r.RowKey);
        Assert.Equal(["merge", "new", "replace", "upsert-merge", "upsert-replace"], rows.Keys.Order());
        Assert.Equal(("keep", 2), (rows["merge"].Note, rows["merge"].Completed));
        Assert.Equal(((string?)null, 3), (rows["replace"].Note, rows["replace"].Completed));
        Assert.Equal(("kept too", 4), (rows["upsert-merge"].Note, rows["upsert-merge"].Completed));
        Assert.Equal(results.Value[0].NewETag(), rows["new"].ETag);
    }

    [Fact]
    public async Task A_transaction_that_fails_half_way_writes_nothing()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("p", "r2") with { Note = "original" });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Progress("p", "r1")),
            new(TableTransactionActionType.UpsertReplace, Progress("p", "r3")),
            new(TableTransactionActionType.Add, Progress("p", "r2") with { Note = "clash" }),
            new(TableTransactionActionType.Add, Progress("p", "r4")),
        ]));

        Assert.Equal(2, error.FailedTransactionActionIndex);
        Assert.True(error.IsAlreadyExists());
        var rows = await table.QueryAsync<ProgressEntity>().ToListAsync();
        Assert.Equal("original", Assert.Single(rows).Note);
    }

    [Fact]
    public async Task A_transaction_with_a_stale_etag_is_a_concurrency_failure_and_writes_nothing()
    {
        var table = await azurite.CreateTableAsync();
        var v1 = (await table.AddEntityAsync(Progress("p", "r1"))).NewETag();
        await table.UpsertEntityAsync(Progress("p", "r1") with { Completed = 9 });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Progress("p", "r0")),
            new(TableTransactionActionType.UpdateReplace, Progress("p", "r1"), v1),
        ]));

        Assert.True(error.IsConcurrencyConflict());
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Null(await table.FindAsync<ProgressEntity>("p", "r0"));
    }

    [Fact]
    public async Task A_full_transaction_of_100_actions_is_accepted()
    {
        var table = await azurite.CreateTableAsync();

        var results = await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Progress("bulk", $"r{i:000}"))));

        Assert.Equal(100, results.Value.Count);
        Assert.Equal(100, (await table.ListAsync<ProgressEntity>(filter: null)).Count);
    }
}
