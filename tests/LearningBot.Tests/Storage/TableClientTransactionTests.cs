using LearningBot.Storage;
using LearningBot.Tests.Support;
using static LearningBot.Tests.Storage.TableClientEntityTests;

namespace LearningBot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableClientTransactionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_transaction_applies_every_kind_of_action_and_returns_new_etags()
    {
        var table = await azurite.CreateTableAsync();
        var toMerge = await table.AddEntityAsync(Progress("p", "merge") with { Note = "keep", Completed = 1 });
        await table.AddEntityAsync(Progress("p", "replace") with { Note = "drop" });
        var toDelete = await table.AddEntityAsync(Progress("p", "delete"));
        await table.AddEntityAsync(Progress("p", "upsert-merge") with { Note = "kept too" });

        var results = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Progress("p", "new")),
            new(TableTransactionActionType.UpdateMerge, Progress("p", "merge") with { Note = null, Completed = 2 }, toMerge.ETag),
            new(TableTransactionActionType.UpdateReplace, Progress("p", "replace") with { Note = null, Completed = 3 }),
            new(TableTransactionActionType.Delete, Progress("p", "delete"), toDelete.ETag),
            new(TableTransactionActionType.UpsertMerge, Progress("p", "upsert-merge") with { Note = null, Completed = 4 }),
            new(TableTransactionActionType.UpsertReplace, Progress("p", "upsert-replace") with { Completed = 5 }),
        ]);

        Assert.Equal(6, results.Count);
        Assert.All(results.Where((_, i) => i != 3), r => Assert.False(r.ETag.IsEmpty));
        var rows = await table.QueryAsync<ProgressEntity>().ToDictionaryAsync(r => r.RowKey);
        Assert.Equal(["merge", "new", "replace", "upsert-merge", "upsert-replace"], rows.Keys.Order());
        Assert.Equal(("keep", 2), (rows["merge"].Note, rows["merge"].Completed));
        Assert.Equal(((string?)null, 3), (rows["replace"].Note, rows["replace"].Completed));
        Assert.Equal(("kept too", 4), (rows["upsert-merge"].Note, rows["upsert-merge"].Completed));
        Assert.Equal(results[0].ETag, rows["new"].ETag);
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

        Assert.Equal(2, error.FailedActionIndex);
        Assert.Equal(TableErrorKind.EntityAlreadyExists, error.Kind);
        Assert.Contains("r2", error.Message, StringComparison.Ordinal);
        var rows = await table.QueryAsync<ProgressEntity>().ToListAsync();
        Assert.Equal("original", Assert.Single(rows).Note);
    }

    [Fact]
    public async Task A_transaction_with_a_stale_etag_is_a_concurrency_failure_and_writes_nothing()
    {
        var table = await azurite.CreateTableAsync();
        var v1 = await table.AddEntityAsync(Progress("p", "r1"));
        await table.UpsertEntityAsync(Progress("p", "r1") with { Completed = 9 });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Progress("p", "r0")),
            new(TableTransactionActionType.UpdateReplace, Progress("p", "r1"), v1.ETag),
        ]));

        Assert.Equal(TableErrorKind.ConcurrencyConflict, error.Kind);
        Assert.Equal(1, error.FailedActionIndex);
        Assert.Null(await table.GetEntityIfExistsAsync<ProgressEntity>("p", "r0"));
    }

    [Fact]
    public async Task A_full_transaction_of_100_actions_is_accepted()
    {
        var table = await azurite.CreateTableAsync();

        var results = await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Progress("bulk", $"r{i:000}"))));

        Assert.Equal(100, results.Count);
        Assert.Equal(100, await table.QueryAsync<ProgressEntity>().CountAsync());
    }

    [Fact]
    public async Task Invalid_transactions_are_rejected_before_any_request()
    {
        var table = azurite.ServiceClient.GetTableClient(AzuriteFixture.NewTableName());

        var mixed = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, Progress("a", "1")), new(TableTransactionActionType.Add, Progress("b", "1"))]));
        var duplicate = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, Progress("a", "1")), new(TableTransactionActionType.Delete, Progress("a", "1"))]));
        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Progress("a", $"{i}")))));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));

        Assert.Contains("one PartitionKey", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("appears twice", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("101", tooMany.Message, StringComparison.Ordinal);
    }
}
