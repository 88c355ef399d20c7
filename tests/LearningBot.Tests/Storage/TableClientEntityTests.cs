using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableClientEntityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Creating_a_table_twice_reports_the_existing_table_without_failing()
    {
        var name = AzuriteFixture.NewTableName();
        var table = azurite.ServiceClient.GetTableClient(name);

        var first = await table.CreateIfNotExistsAsync();
        var second = await table.CreateIfNotExistsAsync();

        Assert.Equal(204, first.Status);
        Assert.Equal(409, second.Status);
        await table.DeleteAsync();
        await table.DeleteAsync();
        var add = await Assert.ThrowsAsync<TableStorageException>(() => table.AddEntityAsync(Progress("p", "r")));
        var read = await Assert.ThrowsAsync<TableStorageException>(() => table.GetEntityIfExistsAsync<ProgressEntity>("p", "r"));
        var delete = await Assert.ThrowsAsync<TableStorageException>(() => table.DeleteEntityAsync("p", "r"));

        Assert.All([add, read, delete], e => Assert.Equal(("TableNotFound", TableErrorKind.NotFound), (e.ErrorCode, e.Kind)));
        Assert.Contains("table does not exist", read.Message, StringComparison.Ordinal);
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
            When = TableEntityRules.MinDateTime,
            WhenOffset = DateTimeOffset.MaxValue,
            Id = Guid.Parse("6f1c3e2a-94d1-4c55-9a4b-0d9c2f7e8b11"),
            Bytes = [],
            Level = CourseLevel.Advanced,
            MaybeInt32 = int.MaxValue,
            MaybeInt64 = long.MinValue,
            MaybeDouble = 2.0,
            MaybeFlag = false,
            MaybeWhen = DateTime.MaxValue,
            MaybeWhenOffset = new DateTimeOffset(2026, 11, 22, 9, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            MaybeId = Guid.Empty,
            MaybeLevel = CourseLevel.Introductory,
        };

        var added = await table.AddEntityAsync(written);
        var read = await table.GetEntityAsync<EveryTypeEntity>("edge", "max");

        Assert.False(added.ETag.IsEmpty);
        Assert.Equal(added.ETag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(written.Text, read.Text);
        Assert.Equal(int.MinValue, read.Int32);
        Assert.Equal(long.MaxValue, read.Int64);
        Assert.Equal(double.Epsilon, read.Double);
        Assert.True(read.Flag);
        Assert.Equal(TableEntityRules.MinDateTime, read.When);
        Assert.Equal(DateTimeKind.Utc, read.When.Kind);
        Assert.Equal(DateTimeOffset.MaxValue, read.WhenOffset);
        Assert.Equal(written.Id, read.Id);
        Assert.NotNull(read.Bytes);
        Assert.Empty(read.Bytes);
        Assert.Equal(CourseLevel.Advanced, read.Level);
        Assert.Equal(int.MaxValue, read.MaybeInt32);
        Assert.Equal(long.MinValue, read.MaybeInt64);
        Assert.Equal(2.0, read.MaybeDouble);
        Assert.False(read.MaybeFlag);
        Assert.Equal(DateTime.MaxValue, read.MaybeWhen);
        Assert.Equal(written.MaybeWhenOffset, read.MaybeWhenOffset);
        Assert.Equal(TimeSpan.Zero, read.MaybeWhenOffset!.Value.Offset);
        Assert.Equal(Guid.Empty, read.MaybeId);
        Assert.Equal(CourseLevel.Introductory, read.MaybeLevel);
    }

    [Fact]
    public async Task Nulls_and_special_doubles_round_trip()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Every("edge", "nan") with { Double = double.NaN, MaybeDouble = double.NegativeInfinity, Bytes = [0, 255, 7] });
        await table.AddEntityAsync(Every("edge", "inf") with { Double = double.PositiveInfinity });

        var nan = await table.GetEntityAsync<EveryTypeEntity>("edge", "nan");
        var inf = await table.GetEntityAsync<EveryTypeEntity>("edge", "inf");

        Assert.True(double.IsNaN(nan.Double));
        Assert.Equal(double.NegativeInfinity, nan.MaybeDouble);
        Assert.Equal(new byte[] { 0, 255, 7 }, nan.Bytes);
        Assert.Equal(double.PositiveInfinity, inf.Double);
        Assert.Null(inf.Text);
        Assert.Null(inf.MaybeInt32);
        Assert.Null(inf.MaybeWhen);
        Assert.Null(inf.Bytes);
    }

    [Fact]
    public async Task Adding_an_existing_entity_throws_already_exists()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("learner-1", "course-1"));

        var error = await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => table.AddEntityAsync(Progress("learner-1", "course-1")));

        Assert.Equal(409, error.Status);
        Assert.Equal(TableErrorKind.EntityAlreadyExists, error.Kind);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_entity_is_null_from_if_exists_and_not_found_from_get()
    {
        var table = await azurite.CreateTableAsync();

        Assert.Null(await table.GetEntityIfExistsAsync<ProgressEntity>("nobody", "nothing"));
        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => table.GetEntityAsync<ProgressEntity>("nobody", "nothing"));
        Assert.Equal(TableErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Upsert_merge_keeps_unsent_properties_and_replace_drops_them()
    {
        var table = await azurite.CreateTableAsync();
        await table.UpsertEntityAsync(Progress("l", "c") with { Note = "started", Completed = 1 });

        await table.UpsertEntityAsync(Progress("l", "c") with { Note = null, Completed = 2 }, TableUpdateMode.Merge);
        var merged = await table.GetEntityAsync<ProgressEntity>("l", "c");
        await table.UpsertEntityAsync(Progress("l", "c") with { Note = null, Completed = 3 }, TableUpdateMode.Replace);
        var replaced = await table.GetEntityAsync<ProgressEntity>("l", "c");

        Assert.Equal(("started", 2), (merged.Note, merged.Completed));
        Assert.Equal(((string?)null, 3), (replaced.Note, replaced.Completed));
    }

    [Fact]
    public async Task Update_with_the_returned_etag_chains_and_a_stale_etag_is_a_concurrency_conflict()
    {
        var table = await azurite.CreateTableAsync();
        var v1 = await table.AddEntityAsync(Progress("l", "c"));

        var v2 = await table.UpdateEntityAsync(Progress("l", "c") with { Completed = 1 }, v1.ETag);
        var v3 = await table.UpdateEntityAsync(Progress("l", "c") with { Completed = 2 }, v2.ETag, TableUpdateMode.Replace);
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => table.UpdateEntityAsync(Progress("l", "c") with { Completed = 99 }, v1.ETag));

        Assert.NotEqual(v1.ETag, v2.ETag);
        Assert.NotEqual(v2.ETag, v3.ETag);
        Assert.Equal(412, stale.Status);
        var read = await table.GetEntityAsync<ProgressEntity>("l", "c");
        Assert.Equal(2, read.Completed);
        Assert.Equal(v3.ETag, read.ETag);
    }

    [Fact]
    public async Task Two_writers_racing_with_the_same_etag_exactly_one_wins()
    {
        var table = await azurite.CreateTableAsync();
        var original = await table.AddEntityAsync(Progress("l", "c"));
        using var start = new SemaphoreSlim(0, 2);

        async Task<string> Write(string writer)
        {
            await start.WaitAsync();
            try
            {
                await table.UpdateEntityAsync(Progress("l", "c") with { Note = writer }, original.ETag);
                return "won";
            }
            catch (ConcurrencyConflictException)
            {
                return "conflict";
            }
        }

        var a = Write("a");
        var b = Write("b");
        start.Release(2);
        var outcomes = await Task.WhenAll(a, b);

        Assert.Equal(["conflict", "won"], outcomes.Order());
        var stored = await table.GetEntityAsync<ProgressEntity>("l", "c");
        Assert.Equal(outcomes[0] == "won" ? "a" : "b", stored.Note);
    }

    [Fact]
    public async Task Update_of_a_missing_entity_is_not_found_even_unconditionally()
    {
        var table = await azurite.CreateTableAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => table.UpdateEntityAsync(Progress("l", "gone"), ETag.All));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(Progress("l", "gone"), default));
    }

    [Fact]
    public async Task Delete_honours_the_etag_and_tolerates_missing_entities()
    {
        var table = await azurite.CreateTableAsync();
        var v1 = await table.AddEntityAsync(Progress("l", "c1"));
        var v2 = await table.UpdateEntityAsync(Progress("l", "c1") with { Completed = 5 }, v1.ETag);
        await table.AddEntityAsync(Progress("l", "c2"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.DeleteEntityAsync("l", "c1", v1.ETag));
        var conditional = await table.DeleteEntityAsync("l", "c1", v2.ETag);
        var unconditional = await table.DeleteEntityAsync("l", "c2");
        var missing = await table.DeleteEntityAsync("l", "c2");

        Assert.Equal(204, conditional.Status);
        Assert.Equal(204, unconditional.Status);
        Assert.Equal(404, missing.Status);
        Assert.Null(await table.GetEntityIfExistsAsync<ProgressEntity>("l", "c1"));
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
        var read = await table.GetEntityAsync<ProgressEntity>(partitionKey, rowKey);
        var updated = await table.UpdateEntityAsync(read with { Completed = 8 }, read.ETag);
        var deleted = await table.DeleteEntityAsync(partitionKey, rowKey, updated.ETag);

        Assert.Equal((partitionKey, rowKey, 7), (read.PartitionKey, read.RowKey, read.Completed));
        Assert.Equal(added.ETag, read.ETag);
        Assert.Equal(204, deleted.Status);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("tab\there")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    public async Task Keys_with_forbidden_characters_are_rejected_before_any_request(string badKey)
    {
        var table = azurite.ServiceClient.GetTableClient(AzuriteFixture.NewTableName()); // never created: a request would 404

        var asPartition = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(Progress(badKey, "ok")));
        var asRow = await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityAsync<ProgressEntity>("ok", badKey));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteEntityAsync(badKey, "ok"));

        Assert.Contains("PartitionKey", asPartition.Message, StringComparison.Ordinal);
        Assert.Contains("RowKey", asRow.Message, StringComparison.Ordinal);
        Assert.Contains("may not contain", asRow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Size_limits_are_clear_errors_before_any_request()
    {
        var table = azurite.ServiceClient.GetTableClient(AzuriteFixture.NewTableName());
        var longText = new string('x', TableEntityRules.MaxStringChars + 1);
        var tooManyProperties = new TableEntity("p", "r");
        for (var i = 0; i <= TableEntityRules.MaxProperties; i++)
        {
            tooManyProperties[$"P{i}"] = i;
        }

        var tooBig = new TableEntity("p", "big");
        for (var i = 0; i < 20; i++)
        {
            tooBig[$"Chunk{i}"] = new string('y', TableEntityRules.MaxStringChars);
        }

        var stringError = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(Progress("p", "r") with { Note = longText }));
        var binaryError = await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertEntityAsync(
            Every("p", "r") with { Bytes = new byte[TableEntityRules.MaxBinaryBytes + 1] }));
        var countError = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(tooManyProperties));
        var sizeError = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(tooBig));
        var dateError = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.AddEntityAsync(
            Every("p", "r") with { When = DateTime.MinValue }));
        var keyError = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(Progress(new string('k', 1025), "r")));

        Assert.Contains("'Note'", stringError.Message, StringComparison.Ordinal);
        Assert.Contains("'Bytes'", binaryError.Message, StringComparison.Ordinal);
        Assert.Contains("253 properties", countError.Message, StringComparison.Ordinal);
        Assert.Contains("1 MiB", sizeError.Message, StringComparison.Ordinal);
        Assert.Contains("1601", dateError.Message, StringComparison.Ordinal);
        Assert.Contains("at most 1024", keyError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entity_just_under_the_size_limit_is_stored()
    {
        var table = await azurite.CreateTableAsync();
        var large = new TableEntity("p", "large");
        for (var i = 0; i < 15; i++)
        {
            large[$"Chunk{i}"] = new string((char)('a' + i), TableEntityRules.MaxStringChars);
        }

        await table.AddEntityAsync(large);
        var read = await table.GetEntityAsync<TableEntity>("p", "large");

        Assert.Equal(15, read.Count);
        Assert.Equal(new string('o', TableEntityRules.MaxStringChars), read.GetString("Chunk14"));
    }

    [Fact]
    public async Task Dynamic_entity_round_trips_typed_values()
    {
        var table = await azurite.CreateTableAsync();
        var when = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var entity = new TableEntity("team", "1")
        {
            ["Name"] = "Ward 7 – O'Neill",
            ["Count"] = 42,
            ["Big"] = 9_000_000_000L,
            ["Ratio"] = 0.5,
            ["Whole"] = 3.0,
            ["Active"] = true,
            ["When"] = when,
            ["Id"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["Blob"] = new byte[] { 1, 2, 3 },
        };

        await table.AddEntityAsync(entity);
        var read = await table.GetEntityAsync<TableEntity>("team", "1");

        Assert.Equal("Ward 7 – O'Neill", read.GetString("Name"));
        Assert.Equal(42, read["Count"]);
        Assert.Equal(9_000_000_000L, read["Big"]);
        Assert.Equal(0.5, read["Ratio"]);
        Assert.Equal(3.0, read["Whole"]);
        Assert.Equal(true, read["Active"]);
        Assert.Equal(when, read["When"]);
        Assert.Equal(entity["Id"], read["Id"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, read.GetBinary("Blob"));
        Assert.False(read.ETag.IsEmpty);
    }

    [Fact]
    public async Task Select_reads_only_the_named_properties()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c") with { Course = "Safeguarding", Completed = 4, Note = "private" });

        var read = await table.GetEntityAsync<ProgressEntity>("l", "c", select: ["Course"]);

        Assert.Equal("Safeguarding", read.Course);
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
        Assert.Null(await table.GetEntityIfExistsAsync<ProgressEntity>("l", "c"));
    }

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
