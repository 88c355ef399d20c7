using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>
/// Saving articles against real table storage (Azurite) when the history is not what the article row says: every
/// save ends, after a counted number of requests, either saved at a free version or with a clear error.
/// </summary>
public sealed class KnowledgeArticleStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_history_row_left_by_a_failed_save_is_kept_and_a_new_article_takes_the_next_free_version()
    {
        var (store, requests) = await NewStoreAsync();
        var id = "left-over-" + Guid.NewGuid().ToString("N")[..6];
        await PlantHistoryAsync(id, version: 1, "an editor whose save failed");
        requests.Reset();

        var saved = await store.SaveAsync(KnowledgeFixtures.Article(id, "Left over history"), "priya.shah", CancellationToken.None);
        var sent = requests.Count;

        Assert.Equal(2, saved.Version);
        Assert.Equal(2, (await store.FindAsync(id, CancellationToken.None))?.Version);
        var history = await store.HistoryAsync(id, CancellationToken.None).ToListAsync();
        Assert.Equal([(2, "priya.shah"), (1, "an editor whose save failed")], history.Select(v => (v.Version, v.EditedBy)));
        Assert.InRange(sent, 1, 10);
    }

    [Fact]
    public async Task A_history_row_ahead_of_an_edited_article_is_kept_and_the_edit_skips_past_it()
    {
        var (store, requests) = await NewStoreAsync();
        var id = "ahead-" + Guid.NewGuid().ToString("N")[..6];
        var article = KnowledgeFixtures.Article(id, "History ahead of the article");
        await store.SaveAsync(article, "priya.shah", CancellationToken.None);
        await PlantHistoryAsync(id, version: 2, "an editor whose save failed");
        requests.Reset();

        var saved = await store.SaveAsync(article with { Summary = "Edited." }, "jamal.idris", CancellationToken.None);
        var sent = requests.Count;

        Assert.Equal(3, saved.Version);
        var history = await store.HistoryAsync(id, CancellationToken.None).ToListAsync();
        Assert.Equal([(3, "jamal.idris"), (2, "an editor whose save failed"), (1, "priya.shah")], history.Select(v => (v.Version, v.EditedBy)));
        Assert.InRange(sent, 1, 10);
    }

    [Fact]
    public async Task A_save_that_finds_every_next_version_taken_stops_with_a_clear_error_after_a_bounded_number_of_requests()
    {
        var (store, requests) = await NewStoreAsync();
        var id = "always-taken-" + Guid.NewGuid().ToString("N")[..6];
        var history = azurite.Table(KnowledgeArticleStore.HistoryTable);
        await store.HistoryAsync(id, CancellationToken.None).ToListAsync();
        requests.Reset();

        // Another writer gets every history row this save is about to add in first.
        requests.BeforeSend = async message =>
        {
            if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith(history.Name, StringComparison.Ordinal))
            {
                var (partition, row) = await KeysOfAsync(message.Request);
                await history.AddEntityAsync(new TableEntity(partition, row) { ["Version"] = int.Parse(row, System.Globalization.CultureInfo.InvariantCulture), ["EditedBy"] = "another save" });
            }
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.SaveAsync(KnowledgeFixtures.Article(id, "Always taken"), "priya.shah", CancellationToken.None));
        var sent = requests.Count;

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Contains("Try saving it again", error.Message, StringComparison.Ordinal);
        Assert.InRange(sent, KnowledgeArticleStore.MaxSaveAttempts, KnowledgeArticleStore.MaxSaveAttempts * 6);
    }

    [Fact]
    public async Task A_history_add_whose_answer_was_lost_is_recognised_as_the_saves_own()
    {
        var (store, requests) = await NewStoreAsync();
        var id = "lost-answer-" + Guid.NewGuid().ToString("N")[..6];
        await store.HistoryAsync(id, CancellationToken.None).ToListAsync();
        var history = azurite.Table(KnowledgeArticleStore.HistoryTable);

        // The history add lands, but the store is told 409, as when its answer is lost and the SDK sends it again.
        requests.SendTwice = message => message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith(history.Name, StringComparison.Ordinal);

        var saved = await store.SaveAsync(KnowledgeFixtures.Article(id, "Lost answer"), "priya.shah", CancellationToken.None);

        Assert.Equal(1, saved.Version);
        Assert.Equal([1], (await store.HistoryAsync(id, CancellationToken.None).ToListAsync()).Select(v => v.Version));
    }

    [Fact]
    public async Task An_article_saved_on_another_instance_is_taken_once_with_one_query_when_nothing_changed()
    {
        var (saving, _) = await NewStoreAsync();
        var (engine, requests) = (KnowledgeFixtures.FixtureEngine(), new CountingPolicy());
        var other = new KnowledgeArticleStore(Storage(requests), engine, LearningBot.Privacy.WorkContacts.None, TimeProvider.System, NullLogger<KnowledgeArticleStore>.Instance);
        var changed = new List<string>();
        engine.ArticleChanged += article => changed.Add(article.Id);
        await other.LoadIntoEngineAsync(CancellationToken.None);
        var id = "elsewhere-" + Guid.NewGuid().ToString("N")[..6];

        await saving.SaveAsync(KnowledgeFixtures.Article(id, "Saved elsewhere"), "priya.shah", CancellationToken.None);
        Assert.Equal(1, await other.LoadIntoEngineAsync(CancellationToken.None));
        requests.Reset();
        Assert.Equal(0, await other.LoadIntoEngineAsync(CancellationToken.None));
        var quietRequests = requests.Count;
        await saving.SaveAsync(KnowledgeFixtures.Article(id, "Saved elsewhere", summary: "Edited elsewhere."), "jamal.idris", CancellationToken.None);
        Assert.Equal(1, await other.LoadIntoEngineAsync(CancellationToken.None));

        Assert.Equal(1, quietRequests);
        Assert.Equal("Edited elsewhere.", engine.Knowledge.Find(id)?.Summary);
        Assert.Equal([id, id], changed.Where(changedId => changedId == id));
    }

    [Fact]
    public async Task A_stored_article_this_instance_cannot_take_is_warned_of_once_and_a_quiet_refresh_still_costs_one_query()
    {
        var id = "refused-" + Guid.NewGuid().ToString("N")[..6];
        await PlantAsync(id, related: "[\"no-such-article\"]");
        var (other, requests, warnings) = OtherInstance();

        await other.LoadIntoEngineAsync(CancellationToken.None);
        requests.Reset();
        Assert.Equal(0, await other.LoadIntoEngineAsync(CancellationToken.None));
        var quietRequests = requests.Count;
        await other.LoadIntoEngineAsync(CancellationToken.None);

        Assert.Equal(1, quietRequests);
        Assert.Single(warnings, warning => warning.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stored_article_that_cannot_be_read_is_left_out_and_the_others_are_still_taken()
    {
        var (saving, _) = await NewStoreAsync();
        var unreadable = "unreadable-" + Guid.NewGuid().ToString("N")[..6];
        var readable = "readable-" + Guid.NewGuid().ToString("N")[..6];
        await PlantAsync(unreadable, reviewBy: "31/12/2027");
        await saving.SaveAsync(KnowledgeFixtures.Article(readable, "Readable"), "priya.shah", CancellationToken.None);
        var engine = KnowledgeFixtures.FixtureEngine();
        var (other, _, warnings) = OtherInstance(engine);

        await other.LoadIntoEngineAsync(CancellationToken.None);
        await other.LoadIntoEngineAsync(CancellationToken.None);

        Assert.Single(warnings, warning => warning.Contains(unreadable, StringComparison.Ordinal));
        Assert.Equal("Readable", engine.Knowledge.Find(readable)?.Title);
        Assert.Null(engine.Knowledge.Find(unreadable));
    }

    /// <summary>A second instance's store over the same tables, with its requests counted and its warnings kept.</summary>
    private (KnowledgeArticleStore Store, CountingPolicy Requests, ConcurrentQueue<string> Warnings) OtherInstance(AnswerEngine? engine = null)
    {
        var (requests, warnings) = (new CountingPolicy(), new ConcurrentQueue<string>());
        var logger = LoggerFactory.Create(logging => logging.AddProvider(new LogCollector(warnings, LogLevel.Warning))).CreateLogger<KnowledgeArticleStore>();
        return (new KnowledgeArticleStore(Storage(requests), engine ?? KnowledgeFixtures.FixtureEngine(), LearningBot.Privacy.WorkContacts.None, TimeProvider.System, logger), requests, warnings);
    }

    /// <summary>A stored article row written as another instance (or an older release) left it.</summary>
    private async Task PlantAsync(string id, string related = "[]", string reviewBy = "2027-12-31")
    {
        var scrubbed = ScrubbedArticle.Of(KnowledgeFixtures.Article(id, "Planted"), DateOnly.FromDateTime(DateTime.UtcNow), LearningBot.Privacy.WorkContacts.None);
        var row = StoredArticle.From(scrubbed, 1, "another instance", DateTimeOffset.UtcNow) with { Related = related, ReviewBy = reviewBy };
        var table = azurite.Table(KnowledgeArticleStore.ArticlesTable);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(row);
    }

    private async Task<(KnowledgeArticleStore Store, CountingPolicy Requests)> NewStoreAsync()
    {
        var requests = new CountingPolicy();
        var store = new KnowledgeArticleStore(Storage(requests), KnowledgeFixtures.FixtureEngine(), LearningBot.Privacy.WorkContacts.None, TimeProvider.System, NullLogger<KnowledgeArticleStore>.Instance);
        await store.FindAsync("warm-up", CancellationToken.None);
        return (store, requests);
    }

    private TableStorage Storage(CountingPolicy requests)
    {
        var options = TableStorage.ClientOptions(new TableStorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = azurite.TablePrefix });
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        return new TableStorage(new TableServiceClient(azurite.ConnectionString, options), azurite.TablePrefix);
    }

    private async Task PlantHistoryAsync(string id, int version, string editedBy)
    {
        var history = azurite.Table(KnowledgeArticleStore.HistoryTable);
        await history.CreateIfNotExistsAsync();
        // A row as an earlier save left it in the table, so its text is set as stored rather than through the scrubber.
#pragma warning disable LB0001
        await history.AddEntityAsync(new ArticleVersion
        {
            PartitionKey = id,
            RowKey = version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            Version = version,
            EditedBy = editedBy,
            EditedAt = DateTimeOffset.UtcNow,
            Title = "An edit that never reached the article",
            Body = "Unsaved.",
        });
#pragma warning restore LB0001
    }

    private static async Task<(string PartitionKey, string RowKey)> KeysOfAsync(Request request)
    {
        using var body = new MemoryStream();
        await request.Content!.WriteToAsync(body, CancellationToken.None);
        using var json = JsonDocument.Parse(body.ToArray());
        return (json.RootElement.GetProperty("PartitionKey").GetString()!, json.RootElement.GetProperty("RowKey").GetString()!);
    }

    /// <summary>Counts the requests the store sends (each retry too), and can act on one before it goes.</summary>
    private sealed class CountingPolicy : HttpPipelinePolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Func<HttpMessage, Task>? BeforeSend { get; set; }

        /// <summary>Requests to send a second time, the second answer being the one the store sees.</summary>
        public Func<HttpMessage, bool>? SendTwice { get; set; }

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _count);
            if (BeforeSend is { } before)
            {
                await before(message);
            }

            await ProcessNextAsync(message, pipeline);
            if (SendTwice?.Invoke(message) == true)
            {
                await ProcessNextAsync(message, pipeline);
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The stores only send asynchronously.");
    }
}
