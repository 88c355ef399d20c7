using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using static LearningBot.Tests.Storage.TableEntityContractTests;

namespace LearningBot.Tests.Storage;

/// <summary>Read, decide, write at the version read; decide again when someone else wrote first (on Azurite).</summary>
public sealed class OptimisticChangeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_write_lands_at_the_version_read_and_returns_the_new_etag()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c") with { Completed = 1 });

        var change = await table.ChangeAsync<ProgressEntity>("l", "c", p => Write(p with { Completed = p.Completed + 1 }));

        Assert.NotNull(change);
        Assert.True(change.Changed);
        var stored = await table.FindAsync<ProgressEntity>("l", "c");
        Assert.Equal(2, stored!.Completed);
        Assert.Equal(stored.ETag, change.Entity.ETag);
    }

    [Fact]
    public async Task Keep_leaves_the_entity_alone_and_a_missing_entity_is_null()
    {
        var table = await azurite.CreateTableAsync();
        var written = (await table.AddEntityAsync(Progress("l", "c") with { Note = "first" })).NewETag();

        var kept = await table.ChangeAsync<ProgressEntity>("l", "c", _ => new EntityDecision<ProgressEntity>.Keep());
        var missing = await table.ChangeAsync<ProgressEntity>("l", "nobody", p => Write(p));

        Assert.False(kept!.Changed);
        Assert.Equal(("first", written), (kept.Entity.Note, kept.Entity.ETag));
        Assert.Null(missing);
    }

    [Fact]
    public async Task An_entity_deleted_between_the_read_and_the_write_is_null_and_stays_deleted()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c"));

        var change = await table.ChangeAsync<ProgressEntity>("l", "c", p =>
        {
            table.DeleteEntity("l", "c");
            return Write(p with { Note = "ours" });
        }, TableUpdateMode.Merge);

        Assert.Null(change);
        Assert.Null(await table.FindAsync<ProgressEntity>("l", "c"));
    }

    [Fact]
    public async Task A_change_that_loses_the_race_is_decided_again_on_what_the_winner_wrote()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c"));
        var seen = new List<string?>();

        var change = await table.ChangeAsync<ProgressEntity>("l", "c", p =>
        {
            RivalWritesFirst(table, seen, p);
            return p.Note is null ? Write(p with { Note = "ours" }) : new EntityDecision<ProgressEntity>.Keep();
        });

        Assert.Equal([null, "rival"], seen);
        Assert.False(change!.Changed);
        Assert.Equal("rival", (await table.FindAsync<ProgressEntity>("l", "c"))!.Note);
    }

    [Fact]
    public async Task A_known_entity_is_decided_on_as_read_and_read_again_when_someone_wrote_since()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c") with { Completed = 1 });
        var known = (await table.FindAsync<ProgressEntity>("l", "c"))!;

        var first = await table.ChangeAsync<ProgressEntity>("l", "c", p => Write(p with { Completed = p.Completed + 1 }), known: known);
        // The same (now stale) known entity again: its ETag no longer matches, so the change is decided on a fresh read.
        var seen = new List<int>();
        var second = await table.ChangeAsync<ProgressEntity>("l", "c", p =>
        {
            seen.Add(p.Completed);
            return Write(p with { Completed = p.Completed + 1 });
        }, known: known);

        Assert.True(first!.Changed);
        Assert.Equal([1, 2], seen);
        Assert.Equal(3, (await table.FindAsync<ProgressEntity>("l", "c"))!.Completed);
        Assert.Equal(3, second!.Entity.Completed);
    }

    [Fact]
    public async Task After_the_last_lost_race_the_conflict_is_thrown()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c"));
        var attempts = 0;

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.ChangeAsync<ProgressEntity>("l", "c", p =>
        {
            attempts++;
            table.UpsertEntity(p with { Completed = attempts }, TableUpdateMode.Replace);
            return Write(p with { Note = "never lands" });
        }, maxAttempts: 3));

        Assert.True(error.IsConcurrencyConflict());
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_merge_of_just_the_changes_leaves_the_other_properties_as_stored_and_returns_the_whole_entity()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c") with { Course = "Safeguarding", Completed = 4 });

        var change = await table.ChangeAsync<ProgressEntity>("l", "c", p => new EntityDecision<ProgressEntity>.Write(p with { Note = "rated" })
        {
            Changes = new TableEntity("l", "c") { [nameof(ProgressEntity.Note)] = "rated" },
        }, TableUpdateMode.Merge);

        var stored = await table.FindAsync<ProgressEntity>("l", "c");
        Assert.Equal(("Safeguarding", 4, "rated"), (stored!.Course, stored.Completed, stored.Note));
        Assert.Equal(("Safeguarding", 4, "rated"), (change!.Entity.Course, change.Entity.Completed, change.Entity.Note));
        Assert.Equal(stored.ETag, change.Entity.ETag);
    }

    [Fact]
    public async Task A_merge_of_just_the_changes_that_loses_the_race_is_decided_again()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c"));
        var seen = new List<string?>();

        var change = await table.ChangeAsync<ProgressEntity>("l", "c", p =>
        {
            RivalWritesFirst(table, seen, p);
            return p.Note is null
                ? new EntityDecision<ProgressEntity>.Write(p with { Note = "ours" }) { Changes = new TableEntity("l", "c") { ["Note"] = "ours" } }
                : new EntityDecision<ProgressEntity>.Keep();
        }, TableUpdateMode.Merge);

        Assert.Equal([null, "rival"], seen);
        Assert.False(change!.Changed);
        Assert.Equal("rival", (await table.FindAsync<ProgressEntity>("l", "c"))!.Note);
    }

    [Fact]
    public async Task Just_the_changes_are_refused_for_a_replace_or_at_other_keys()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c") with { Completed = 2 });

        await Assert.ThrowsAsync<ArgumentException>(() => table.ChangeAsync<ProgressEntity>("l", "c", p =>
            new EntityDecision<ProgressEntity>.Write(p) { Changes = new TableEntity("l", "c") { ["Note"] = "x" } }, TableUpdateMode.Replace));
        await Assert.ThrowsAsync<ArgumentException>(() => table.ChangeAsync<ProgressEntity>("l", "c", p =>
            new EntityDecision<ProgressEntity>.Write(p) { Changes = new TableEntity("l", "other") { ["Note"] = "x" } }, TableUpdateMode.Merge));

        var stored = await table.FindAsync<ProgressEntity>("l", "c");
        Assert.Equal((2, (string?)null), (stored!.Completed, stored.Note));
    }

    private static EntityDecision<ProgressEntity> Write(ProgressEntity entity) => new EntityDecision<ProgressEntity>.Write(entity);

    /// <summary>Records what the decision saw; the first time, a rival rates between our read and our write.</summary>
    private static void RivalWritesFirst(TableClient table, List<string?> seen, ProgressEntity seenNow)
    {
        seen.Add(seenNow.Note);
        if (seen.Count == 1)
        {
            table.UpsertEntity(seenNow with { Note = "rival" }, TableUpdateMode.Replace);
        }
    }
}
