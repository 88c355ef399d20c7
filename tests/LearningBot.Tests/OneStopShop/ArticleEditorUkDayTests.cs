using System.Text.Json.Nodes;
using LearningBot.OneStopShop.Answers;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop;

/// <summary>
/// The editor's review-by bounds and an answer's "due for review" count from the hub's day (UK), not the UTC day:
/// at 23:30 UTC on 15 June 2026 it is already 16 June in London.
/// </summary>
public sealed class ArticleEditorUkDayTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson Editor = new("29:1-ld-ukday-editor", "3b9e0a41-0000-4000-8000-00000000ed19", "Sam Okafor");
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero));
    private BotTestHost _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Roles:SupportTeam:0"] = Editor.TeamsId },
            services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Just_after_midnight_in_british_summer_time_the_editor_counts_review_by_from_the_uk_day()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "new article").From(Editor));

        var reviewBy = CardJson.ById(CardJson.Of(Assert.Single(_bot.Connector.Sent)), "reviewBy");

        Assert.Equal("2026-06-16", reviewBy["min"]?.GetValue<string>());
        Assert.Equal("2028-06-16", reviewBy["max"]?.GetValue<string>());
    }

    [Fact]
    public async Task Just_after_midnight_in_british_summer_time_an_article_to_review_that_uk_day_is_shown_as_due()
    {
        var id = "ukday-" + Guid.NewGuid().ToString("N")[..6];
        var saved = await SaveAsync(new JsonObject
        {
            ["isNew"] = true, ["articleId"] = string.Empty, ["id"] = id, ["title"] = "Hoist sling laundering " + id,
            ["summary"] = "How hoist slings are laundered between residents.", ["tags"] = "hoist sling laundering",
            ["related"] = string.Empty, ["owner"] = "L&D Support Team", ["reviewBy"] = "2026-06-16",
            ["body"] = "## Laundering\nWash each sling at the temperature on its label.",
        });
        Assert.Contains("Saved as version 1", CardJson.Readable(saved), StringComparison.Ordinal);

        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "hoist sling laundering " + id));

        Assert.Contains("due for review", CardJson.Readable(CardJson.Of(_bot.Connector.Sent[^1])), StringComparison.Ordinal);
    }

    private async Task<JsonObject> SaveAsync(JsonObject inputs)
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, ArticleEditorCardData.SaveVerb, inputs).From(Editor));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }
}
