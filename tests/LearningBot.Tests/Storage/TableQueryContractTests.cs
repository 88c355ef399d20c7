using Azure.Data.Tables;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using static LearningBot.Tests.Storage.TableEntityContractTests;

namespace LearningBot.Tests.Storage;

/// <summary>Queries as the stores write them: continuation to the end, filters built by the SDK that user text cannot break.</summary>
public sealed class TableQueryContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Query_follows_continuation_tokens_across_several_pages()
    {
        var table = await azurite.CreateTableAsync();
        await AddRowsAsync(table, "cohort", 230);
        await AddRowsAsync(table, "other", 5);

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"cohort"}");
        var rows = await table.QueryAsync<ProgressEntity>(filter, maxPerPage: 50).ToListAsync();
        var first = await table.QueryAsync<ProgressEntity>(filter, maxPerPage: 50).AsPages().FirstAsync();
        var second = await table.QueryAsync<ProgressEntity>(filter, maxPerPage: 50).AsPages(first.ContinuationToken).FirstAsync();

        Assert.Equal(230, rows.Count);
        Assert.Equal(230, rows.Select(r => r.RowKey).Distinct().Count());
        Assert.All(rows, r => Assert.Equal("cohort", r.PartitionKey));
        Assert.Equal(50, first.Values.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(50, second.Values.Count);
        Assert.Empty(first.Values.Select(r => r.RowKey).Intersect(second.Values.Select(r => r.RowKey)));
    }

    [Fact]
    public async Task Query_of_a_whole_table_pages_past_the_service_limit_of_1000()
    {
        var table = await azurite.CreateTableAsync();
        for (var p = 0; p < 11; p++)
        {
            await AddRowsAsync(table, $"p{p:00}", 100);
        }

        var count = (await table.ListAsync<ProgressEntity>(filter: null)).Count;

        Assert.Equal(1100, count);
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("' or PartitionKey ne '")]
    [InlineData("'')) or true or ((''")]
    [InlineData("quote at end'")]
    [InlineData("%27 and & and +")]
    public async Task Filter_values_with_quotes_match_exactly_and_cannot_inject(string hostile)
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("learners", "target") with { Note = hostile });
        await table.AddEntityAsync(Progress("learners", "bystander") with { Note = "someone else" });

        var matches = await table.QueryAsync<ProgressEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"learners"} and Note eq {hostile}")).ToListAsync();
        var asKey = await table.QueryAsync<ProgressEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {hostile}")).ToListAsync();

        Assert.Equal("target", Assert.Single(matches).RowKey);
        Assert.Empty(asKey);
    }

    [Fact]
    public async Task Filter_literals_compare_typed_values()
    {
        var table = await azurite.CreateTableAsync();
        var id = Guid.NewGuid();
        var when = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await table.AddEntityAsync(Every("f", "match") with { Int64 = 5_000_000_000L, Id = id, WhenOffset = when, Flag = true, Double = 2.0, Level = CourseLevel.Advanced });
        await table.AddEntityAsync(Every("f", "other") with { Int64 = 1, Id = Guid.NewGuid(), WhenOffset = when.AddDays(-30), Flag = false, Double = 1.5 });

        async Task<string> Only(FormattableString filter) =>
            Assert.Single(await table.QueryAsync<EveryTypeEntity>(TableClient.CreateQueryFilter(filter)).ToListAsync()).RowKey;

        Assert.Equal("match", await Only($"Int64 gt {4_000_000_000L}"));
        Assert.Equal("match", await Only($"Id eq {id}"));
        Assert.Equal("match", await Only($"WhenOffset ge {when.AddMinutes(-1)}"));
        Assert.Equal("match", await Only($"Flag eq {true}"));
        Assert.Equal("match", await Only($"Double eq {2.0}"));
        Assert.Equal("match", await Only($"Level eq {nameof(CourseLevel.Advanced)}")); // enums are stored by name
    }

    [Fact]
    public async Task Query_with_select_returns_only_those_properties()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Progress("l", "c") with { Note = "hidden", Completed = 3 });

        var row = Assert.Single(await table.QueryAsync<ProgressEntity>(select: ["Completed"]).ToListAsync());

        Assert.Equal(3, row.Completed);
        Assert.Null(row.Note);
        Assert.Null(row.Course);
    }

    internal static async Task AddRowsAsync(TableClient table, string partitionKey, int count)
    {
        for (var start = 0; start < count; start += 100)
        {
            var actions = Enumerable.Range(start, Math.Min(100, count - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Progress(partitionKey, $"r{i:0000}") with { Completed = i }));
            await table.SubmitTransactionAsync(actions);
        }
    }
}
