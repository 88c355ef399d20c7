using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop.Phrasings;

/// <summary>The article editor shows and saves the "asked as" phrasings one per line, scrubbed like the rest.</summary>
public sealed class ArticlePhrasingEditorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson Editor = new("29:1-ld-phrasing-editor", "3b9e0a41-0000-4000-8000-00000000ed31", "Ria Mensah");
    private BotTestHost _bot = null!;

    private AnswerEngine Engine => _bot.Services.GetRequiredService<AnswerEngine>();

    public async Task InitializeAsync() =>
        _bot = await BotTestHost.StartAsync(azurite, new Dictionary<string, string?> { ["Roles:SupportTeam:0"] = Editor.TeamsId });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_lead_who_saves_phrasings_one_per_line_sees_them_again_when_editing()
    {
        var id = "nights-" + Guid.NewGuid().ToString("N")[..6];

        var saved = await SaveAsync(NewArticle(id, "when can night staff do their training\n\n  e-learning on a quiet night shift?  \nWhen can night staff do their training"));

        Assert.Contains("Saved as version 1", CardJson.Readable(saved), StringComparison.Ordinal);
        Assert.Equal(["when can night staff do their training", "e-learning on a quiet night shift?"], Engine.Knowledge.Find(id)!.Asked);
        var stored = await _bot.Services.GetRequiredService<KnowledgeArticleStore>().FindAsync(id, CancellationToken.None);
        Assert.Equal(2, stored!.ToArticle().Asked.Count);
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, $"edit article {id}").From(Editor));
        var editor = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.Equal("when can night staff do their training\ne-learning on a quiet night shift?", Value(editor, "asked"));
    }

    [Fact]
    public async Task A_phrasing_with_a_phone_number_comes_back_scrubbed_before_anything_is_saved()
    {
        var id = "nights-" + Guid.NewGuid().ToString("N")[..6];

        var back = await SaveAsync(NewArticle(id, "who do I ring on 07700 900123 about night training"));

        Assert.Contains("I removed a phone number", CardJson.Readable(back), StringComparison.Ordinal);
        Assert.Equal("who do I ring on [phone number removed] about night training", Value(back, "asked"));
        Assert.Null(Engine.Knowledge.Find(id));
    }

    [Fact]
    public async Task A_phrasing_another_article_already_has_is_refused_at_the_phrasings()
    {
        var id = "nights-" + Guid.NewGuid().ToString("N")[..6];
        var taken = Engine.Knowledge.Find("mentoring")!.Asked[0];

        var back = await SaveAsync(NewArticle(id, taken.ToUpperInvariant()));

        Assert.Contains("mentoring", CardJson.ById(back, "asked-problem")["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(Engine.Knowledge.Find(id));
    }

    [Fact]
    public async Task An_article_stored_before_phrasings_existed_still_loads_with_none()
    {
        var id = "older-" + Guid.NewGuid().ToString("N")[..6];
        var table = azurite.Table(KnowledgeArticleStore.ArticlesTable);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("article", id)
        {
            ["Id"] = id, ["Title"] = "An older article", ["Summary"] = "Saved before phrasings.", ["Tags"] = "[\"older\"]",
            ["Audience"] = "[\"worker\"]", ["Organisations"] = "[\"all\"]", ["Related"] = "[]", ["Owner"] = "L&D Support Team",
            ["ReviewBy"] = "2027-06-30", ["Body"] = "Body text.", ["Version"] = 1, ["EditedBy"] = "Ria Mensah",
            ["EditedAt"] = DateTimeOffset.UtcNow,
        });

        var article = await _bot.Services.GetRequiredService<KnowledgeArticleStore>().CurrentAsync(id, CancellationToken.None);

        Assert.NotNull(article);
        Assert.Equal("An older article", article.Title);
        Assert.Empty(article.Asked);
    }

    private static JsonObject NewArticle(string id, string asked) => new()
    {
        ["isNew"] = true,
        ["articleId"] = string.Empty,
        ["id"] = id,
        ["title"] = "Learning on night shifts",
        ["summary"] = "How night staff fit learning into their shifts.",
        ["tags"] = "nights, night shift, learning",
        ["asked"] = asked,
        ["related"] = string.Empty,
        ["owner"] = "L&D Support Team",
        ["reviewBy"] = CardDates.ArticleReviewBy,
        ["body"] = "## On nights\nAsk your manager for protected time.",
    };

    private static string Value(JsonObject card, string id) => CardJson.ById(card, id)["value"]!.GetValue<string>();

    private async Task<JsonObject> SaveAsync(JsonObject inputs)
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, ArticleEditorCardData.SaveVerb, inputs.DeepClone().AsObject()).From(Editor));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }
}
