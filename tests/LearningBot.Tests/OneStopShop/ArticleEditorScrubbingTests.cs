using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LearningBot.Calendar;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop;

/// <summary>An article written in Teams is scrubbed before it is saved, and the editor sees what was removed first.</summary>
public sealed class ArticleEditorScrubbingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson Editor = new("29:1-ld-scrub-editor", "3b9e0a41-0000-4000-8000-00000000ed18", "Sam Okafor");
    private BotTestHost _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await BotTestHost.StartAsync(azurite, new Dictionary<string, string?> { ["Roles:SupportTeam:0"] = Editor.TeamsId });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task An_article_draft_with_a_phone_number_is_returned_scrubbed_before_saving()
    {
        var id = "falls-" + Guid.NewGuid().ToString("N")[..6];
        var inputs = new JsonObject
        {
            ["isNew"] = true,
            ["articleId"] = string.Empty,
            ["id"] = id,
            ["title"] = "Falls awareness for Mrs Joan Smith's carers",
            ["summary"] = "What to do after a fall. Ring 07700 900123 for advice.",
            ["tags"] = "falls, 943 476 5919",
            ["related"] = string.Empty,
            ["owner"] = "jo.bloggs@example.org",
            ["reviewBy"] = CardDates.ArticleReviewBy,
            ["body"] = "## After a fall\nThe course on 14 January 2027 covers it. NHS number 943 476 5919 fell on 3 May 2025.",
        };

        var back = await SaveAsync(inputs);

        var shown = CardJson.Readable(back);
        Assert.Contains("Nothing has been saved yet. I removed a name, a phone number, an NHS number, an email address and a date", shown, StringComparison.Ordinal);
        Assert.Contains("[phone number removed]", Value(back, "summary"), StringComparison.Ordinal);
        Assert.Contains("14 January 2027", Value(back, "body"), StringComparison.Ordinal);
        Assert.Equal(id, Value(back, "id"));
        Assert.Null(_bot.Services.GetRequiredService<AnswerEngine>().Knowledge.Find(id));
        Assert.Empty(await RowsAsync());

        foreach (var field in new[] { "title", "summary", "tags", "owner", "body" })
        {
            inputs[field] = Value(back, field);
        }

        var saved = await SaveAsync(inputs);
        Assert.Contains("Saved as version 1", CardJson.Readable(saved), StringComparison.Ordinal);
        var rows = await RowsAsync();
        Assert.Equal(2, rows.Count);
        foreach (var text in rows.SelectMany(row => row.Select(p => p.Value?.ToString() ?? string.Empty)))
        {
            Assert.All(new[] { "07700 900123", "943 476 5919", "Joan Smith", "jo.bloggs@example.org", "3 May 2025" },
                identifier => Assert.DoesNotContain(identifier, text, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains("[phone number removed]", _bot.Services.GetRequiredService<AnswerEngine>().Knowledge.Find(id)!.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("yesterday")]
    [InlineData("25 months ahead")]
    [InlineData("2027-02-29")]
    public async Task A_review_date_not_from_today_to_2_years_ahead_comes_back_marked_and_nothing_is_saved(string reviewBy)
    {
        var id = "dates-" + Guid.NewGuid().ToString("N")[..6];
        var today = UkTime.Today(DateTimeOffset.UtcNow);
        var inputs = new JsonObject
        {
            ["isNew"] = true, ["articleId"] = string.Empty, ["id"] = id, ["title"] = "Booking a course", ["summary"] = "How to book a course.",
            ["tags"] = "booking", ["related"] = string.Empty, ["owner"] = "L&D Support Team",
            ["reviewBy"] = reviewBy switch
            {
                "yesterday" => today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "25 months ahead" => today.AddMonths(25).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => reviewBy,
            },
            ["body"] = "## Booking\nAsk your manager, then book on the learning system.",
        };

        var back = await SaveAsync(inputs);

        Assert.True(CardJson.HasId(back, "reviewBy-problem"), CardJson.Readable(back));
        Assert.Contains("from today, and within 2 years", CardJson.Readable(back), StringComparison.Ordinal);
        Assert.Null(_bot.Services.GetRequiredService<AnswerEngine>().Knowledge.Find(id));
    }

    [Fact]
    public void A_scrubbed_article_scrubs_to_itself_and_keeps_a_future_course_date()
    {
        var article = KnowledgeFixtures.Article("course-dates", "Course dates") with { Body = "Next course: 14 January 2027. Ask Dr Patel on 0161 496 0000." };

        var once = ScrubbedArticle.Of(article, new DateOnly(2026, 11, 22));
        var twice = ScrubbedArticle.Of(once.Article, new DateOnly(2026, 11, 22));

        Assert.Equal("Next course: 14 January 2027. Ask Dr [name removed] on [phone number removed].", once.Article.Body);
        Assert.False(twice.WasScrubbed);
        Assert.Equal(once.Article.Body, twice.Article.Body);
    }

    private static string Value(JsonObject card, string id) => CardJson.ById(card, id)["value"]!.GetValue<string>();

    private async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        foreach (var name in new[] { KnowledgeArticleStore.ArticlesTable, KnowledgeArticleStore.HistoryTable })
        {
            var table = azurite.Table(name);
            await table.CreateIfNotExistsAsync();
            rows.AddRange(await table.QueryAsync<TableEntity>().ToListAsync());
        }

        return rows;
    }

    private async Task<JsonObject> SaveAsync(JsonObject inputs)
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, ArticleEditorCardData.SaveVerb, inputs.DeepClone().AsObject()).From(Editor));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }
}
