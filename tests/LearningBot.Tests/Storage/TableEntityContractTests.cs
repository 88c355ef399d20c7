using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Storage;

/// <summary>
/// What the stores rely on from Azure.Data.Tables, as the bot configures it, against a real Azurite: types round-trip,
/// merge and replace mean what the stores think, ETags guard every optimistic update, keys and ids survive.
/// </summary>
public sealed class TableEntityContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Creating_a_table_twice_is_fine_and_writing_to_a_missing_table_fails_clearly()
    {
        var table = azurite.ServiceClient.GetTableClient(AzuriteFixture.NewTableName());

        await table.CreateIfNotExistsAsync();
        await table.CreateIfNotExistsAsync();
        await table.DeleteAsync();

        var write = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(Progress("p", "r")));
        Assert.Equal((404, "TableNotFound"), (write.Status, write.ErrorCode));
        Assert.True(TableErrors.IsStorageFailure(write));
    }

    [Fact]
    public async Task Every_property_type_round_trips_with_edge_values()
    {
        var table = await azurite.CreateTableAsync();
        var written = new EveryTypeEntity
        {
            PartitionKey = "edge",
            RowKey = "max",
            Text = "Ünïcödé ✓ 日本語 👩‍⚕️ \"quoted\" 'single' \\ / \n newline",
            Int32 = int.MinValue,
            Int64 = long.MaxValue,
            Double = double.Epsilon,
            Flag = true,
            When = EdmMinDate,
            WhenOffset = new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(9999),
            Id = Guid.Parse("6f1c3e2a-94d1-4c55-9a4b-0d9c2f7e8b11"),
            Bytes = [],
            Level = CourseLevel.Advanced,
            MaybeInt32 = int.MaxValue,
            MaybeInt64 = long.MinValue,
            MaybeDouble = 2.0,
            MaybeFlag = false,
            MaybeWhen = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            MaybeWhenOffset = new DateTimeOffset(2026, 11, 22, 9, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            MaybeId = Guid.Empty,
            MaybeLevel = CourseLevel.Introductory,
        };

        var added = await table.AddEntityAsync(written);
        var read = (await table.GetEntityAsync<EveryTypeEntity>("edge", "max")).Value;

        Assert.NotEqual(default, added.NewETag());
        Assert.Equal(added.NewETag(), read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(written.Text, read.Text);
        Assert.Equal(int.MinValue, read.Int32);
        Assert.Equal(long.MaxValue, read.Int64);
        Assert.Equal(double.Epsilon, read.Double);
        Assert.True(read.Flag);
        Assert.Equal(EdmMinDate, read.When.ToUniversalTime());
        Assert.Equal(written.WhenOffset, read.WhenOffset);
        Assert.Equal(written.Id, read.Id);
        Assert.NotNull(read.Bytes);
        Assert.Empty(read.Bytes);
        Assert.Equal(CourseLevel.Advanced, read.Level);
        Assert.Equal(int.MaxValue, read.MaybeInt32);
        Assert.Equal(long.MinValue, read.MaybeInt64);
        Assert.Equal(2.0, read.MaybeDouble);
        Assert.False(read.MaybeFlag);
        Assert.Equal(written.MaybeWhen, read.MaybeWhen!.Value.ToUniversalTime());
        Assert.Equal(written.MaybeWhenOffset, read.MaybeWhenOffset);
        Assert.Equal(TimeSpan.Zero, read.MaybeWhenOffset!.Value.Offset);
        Assert.Equal(Guid.Empty, read.MaybeId);
        Assert.Equal(CourseLevel.Introductory, read.MaybeLevel);
    }

    [Fact]
    public async Task Nulls_bytes_and_nan_round_trip_and_infinities_are_refused_before_any_request()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Every("edge", "bytes") with { Bytes = [0, 255, 7], Double = double.NaN });
        await table.AddEntityAsync(Every("edge", "nulls"));

        var bytes = (await table.GetEntityAsync<EveryTypeEntity>("edge", "bytes")).Value;
        var nulls = (await table.GetEntityAsync<EveryTypeEntity>("edge", "nulls")).Value;
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(Every("edge", "inf") with { MaybeDouble = double.NegativeInfinity }));

        Assert.Equal(new byte[] { 0, 255, 7 }, bytes.Bytes);
        Assert.True(double.IsNaN(bytes.Double));
        Assert.Null(nulls.Text);
        Assert.Null(nulls.MaybeInt32);
        Assert.Null(nulls.MaybeWhen);
        Assert.Null(nulls.Bytes);
        Assert.Null(await table.FindAsync<EveryTypeEntity>("edge", "inf"));
    }

    [Fact]
    public async Task Adding_an_existing_entity_is_already_exists()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("learner-1", "course-1"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(Progress("learner-1", "course-1")));

        Assert.True(error.IsAlreadyExists());
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task Missing_entity_is_null_from_find_and_not_found_from_get()
    {
        var table = await azurite.CreateTableAsync();

        Assert.Null(await table.FindAsync<ProgressEntity>("nobody", "nothing"));
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<ProgressEntity>("nobody", "nothing"));
        Assert.True(error.IsNotFound());
    }

    [Fact]
    public async Task Upsert_merge_keeps_unsent_properties_and_replace_drops_them()
    {
        var table = await azurite.CreateTableAsync();
        await table.UpsertEntityAsync(Progress("l", "c") with { Note = "started", Completed = 1 });

        await table.UpsertEntityAsync(Progress("l", "c") with { Note = null, Completed = 2 }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync<ProgressEntity>("l", "c")).Value;
        await table.UpsertEntityAsync(Progress("l", "c") with { Note = null, Completed = 3 }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync<ProgressEntity>("l", "c")).Value;

        Assert.Equal(("started", 2), (merged.Note, merged.Completed));
        Assert.Equal(((string?)null, 3), (replaced.Note, replaced.Completed));
    }

    [Fact]
    public async Task Update_with_the_returned_etag_chains_and_a_stale_etag_is_a_concurrency_conflict()
    {
        var table = await azurite.CreateTableAsync();
        var v1 = (await table.AddEntityAsync(Progress("l", "c"))).NewETag();

        var v2 = (await table.UpdateEntityAsync(Progress("l", "c") with { Completed = 1 }, v1)).NewETag();
        var v3 = (await table.UpdateEntityAsync(Progress("l", "c") with { Completed = 2 }, v2, TableUpdateMode.Replace)).NewETag();
        var stale = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(Progress("l", "c") with { Completed = 99 }, v1));

        Assert.NotEqual(v1, v2);
        Assert.NotEqual(v2, v3);
        Assert.True(stale.IsConcurrencyConflict());
        var read = (await table.GetEntityAsync<ProgressEntity>("l", "c")).Value;
        Assert.Equal(2, read.Completed);
        Assert.Equal(v3, read.ETag);
    }

    [Fact]
    public async Task Two_writers_racing_with_the_same_etag_exactly_one_wins()
    {
        var table = await azurite.CreateTableAsync();
        var original = (await table.AddEntityAsync(Progress("l", "c"))).NewETag();
        using var start = new SemaphoreSlim(0, 2);

        async Task<string> Write(string writer)
        {
            await start.WaitAsync();
            try
            {
                await table.UpdateEntityAsync(Progress("l", "c") with { Note = writer }, original);
                return "won";
            }
            catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict())
            {
                return "conflict";
            }
        }

        var a = Write("a");
        var b = Write("b");
        start.Release(2);
        var outcomes = await Task.WhenAll(a, b);

        Assert.Equal(["conflict", "won"], outcomes.Order());
        var stored = (await table.GetEntityAsync<ProgressEntity>("l", "c")).Value;
        Assert.Equal(outcomes[0] == "won" ? "a" : "b", stored.Note);
    }

    [Fact]
    public async Task Update_of_a_missing_entity_is_not_found_even_unconditionally()
    {
        var table = await azurite.CreateTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(Progress("l", "gone"), ETag.All));

        Assert.True(error.IsNotFound());
    }

    [Fact]
    public async Task Delete_honours_the_etag_and_tolerates_missing_entities()
    {
        var table = await azurite.CreateTableAsync();
        var v1 = (await table.AddEntityAsync(Progress("l", "c1"))).NewETag();
        var v2 = (await table.UpdateEntityAsync(Progress("l", "c1") with { Completed = 5 }, v1)).NewETag();
        await table.AddEntityAsync(Progress("l", "c2"));

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("l", "c1", v1));
        var conditional = await table.DeleteEntityAsync("l", "c1", v2);
        var unconditional = await table.DeleteEntityAsync("l", "c2");
        var missing = await table.DeleteEntityAsync("l", "c2");

        Assert.True(stale.IsConcurrencyConflict());
        Assert.Equal((204, 204, 404), (conditional.Status, unconditional.Status, missing.Status));
        Assert.Null(await table.FindAsync<ProgressEntity>("l", "c1"));
    }

    [Theory]
    [InlineData("O'Brien", "row 'with' quotes")]
    [InlineData("spaces and %25 percent", "ünïcödé-日本-👩‍⚕️")]
    [InlineData("", "")]
    [InlineData("a+b=c&d", "(parens),commas;semi:colon@at")]
    public async Task Keys_with_quotes_spaces_unicode_and_punctuation_round_trip(string partitionKey, string rowKey)
    {
        var table = await azurite.CreateTableAsync();

        var added = await table.AddEntityAsync(Progress(partitionKey, rowKey) with { Completed = 7 });
        var read = await table.FindAsync<ProgressEntity>(partitionKey, rowKey);
        var updated = await table.UpdateEntityAsync(read! with { Completed = 8 }, read!.ETag);
        var deleted = await table.DeleteEntityAsync(partitionKey, rowKey, updated.NewETag());

        Assert.Equal((partitionKey, rowKey, 7), (read.PartitionKey, read.RowKey, read.Completed));
        Assert.Equal(added.NewETag(), read.ETag);
        Assert.Equal(204, deleted.Status);
    }

    [Theory]
    [InlineData("29:1-a/b")]
    [InlineData("a\\b#c?d")]
    [InlineData("19:abc@thread.tacv2;messageid=1700000000000")]
    [InlineData("tab\there and del\u007f and c1\u0085")]
    [InlineData("100% sure")]
    public async Task Any_teams_or_person_id_becomes_a_key_that_stores_and_decodes(string id)
    {
        var table = await azurite.CreateTableAsync();
        var key = TableKeys.Encode(id);

        await table.AddEntityAsync(Progress(key, key));
        var read = await table.FindAsync<ProgressEntity>(key, key);

        Assert.NotNull(read);
        Assert.Equal(id, TableKeys.Decode(read.RowKey));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("tab\there")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    public async Task A_key_no_entity_can_have_is_found_absent_without_a_request(string badKey)
    {
        var table = azurite.ServiceClient.GetTableClient(AzuriteFixture.NewTableName()); // never created: a request would 404

        Assert.Null(await table.FindAsync<ProgressEntity>(badKey, "ok"));
        Assert.Null(await table.FindAsync<ProgressEntity>("ok", badKey));
        Assert.Null(await table.FindAsync<ProgressEntity>("ok", new string('k', TableKeyRules.MaxKeyChars + 1)));
        Assert.False(TableKeyRules.IsValidKey(badKey));
    }

    [Fact]
    public void An_id_too_long_for_a_key_is_refused_before_any_request()
    {
        var error = Assert.Throws<UnusableTableKeyException>(() => TableKeys.Encode(new string('/', 400)));

        Assert.Contains("at most 1024", error.Message, StringComparison.Ordinal);
        Assert.Equal(1024, TableKeys.Encode(new string('k', 1024)).Length);
    }

    [Fact]
    public async Task Select_reads_only_the_named_properties()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c") with { Course = "Safeguarding", Completed = 4, Note = "private" });

        var read = await table.FindAsync<ProgressEntity>("l", "c", select: ["Course"]);

        Assert.Equal("Safeguarding", read!.Course);
        Assert.Null(read.Note);
        Assert.Equal(0, read.Completed);
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_request()
    {
        var table = await azurite.CreateTableAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => table.UpsertEntityAsync(Progress("l", "c"), cancellationToken: cancelled.Token));
        Assert.Null(await table.FindAsync<ProgressEntity>("l", "c"));
    }

    /// <summary>Edm.DateTime starts at 1601-01-01 UTC (the Windows file-time epoch).</summary>
    internal static readonly DateTime EdmMinDate = new(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>An entity of every type with its non-nullable dates set (the service stores dates from 1601).</summary>
    internal static EveryTypeEntity Every(string partitionKey, string rowKey) => new()
    {
        PartitionKey = partitionKey,
        RowKey = rowKey,
        When = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        WhenOffset = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    internal static ProgressEntity Progress(string partitionKey, string rowKey) =>
        new() { PartitionKey = partitionKey, RowKey = rowKey, Course = "Infection prevention" };
}
