using System.Text.Json.Nodes;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview.Asking;

/// <summary>A manager's first review starts with a one-card guide; after one review it no longer shows.</summary>
public sealed class FirstReviewGuideTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    // This class's table is its own, so the manager has never had a review or a draft here.
    public async Task InitializeAsync() =>
        _h = await ReviewHarness.StartAsync(azurite, new Dictionary<string, string?> { ["FiveMinuteReview:FirstReviewGuide"] = "true" });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_managers_first_review_starts_with_the_guide_and_the_next_one_does_not()
    {
        var guide = await _h.OpenReviewAsync(_h.Tom.AadObjectId);

        var text = CardJson.Texts(guide);
        Assert.Contains("Your first Five Minute Review", text, StringComparison.Ordinal);
        Assert.Contains("About five minutes", text, StringComparison.Ordinal);
        Assert.Contains("What to prepare", text, StringComparison.Ordinal);
        var article = CardJson.ActionByVerb(guide, "ask.article");
        Assert.Equal("five-minute-review", article["data"]!["id"]!.GetValue<string>());
        Assert.Null(await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None));

        var step1 = await _h.NextAsync(guide, "Start");
        Assert.Contains("Step 1 of 4", CardJson.Texts(step1), StringComparison.Ordinal);

        await _h.NextAsync(step1, "Pause", new JsonObject { ["wentWell"] = "Clear, calm handovers." });
        var resumed = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        Assert.Contains("Step 1 of 4", CardJson.Texts(resumed), StringComparison.Ordinal);

        var (saved, _) = await _h.RunFullReviewAsync(_h.Tom.AadObjectId);
        Assert.Contains("saved", CardJson.Texts(saved), StringComparison.Ordinal);
        var next = await _h.OpenReviewAsync(_h.Grace.AadObjectId);
        Assert.Contains("Step 1 of 4", CardJson.Texts(next), StringComparison.Ordinal);
        Assert.DoesNotContain("Your first Five Minute Review", CardJson.Texts(next), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guides_article_button_opens_the_knowledge_base_article()
    {
        var guide = await _h.OpenReviewAsync(_h.Grace.AadObjectId);

        var article = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, guide, "Read the guide"));

        Assert.Contains("Five Minute Review", CardJson.Texts(article), StringComparison.Ordinal);
        Assert.DoesNotContain("no longer in the knowledge base", CardJson.Texts(article), StringComparison.Ordinal);
    }
}
