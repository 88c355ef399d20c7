using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview.Asking;

/// <summary>The optional prompts (team working, the difference made, how the manager can help) and the links to ways to learn.</summary>
public sealed class BetterPromptsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartWithChatsAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_optional_prompts_are_saved_and_shown_on_the_summary_the_persons_copy_and_the_print_page()
    {
        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        card = await _h.NextAsync(card, "Save and continue", new JsonObject
        {
            ["wentWell"] = "Clear, calm handovers.",
            ["teamWorking"] = "Steps in to cover when the team is short.",
            ["differenceMade"] = "Residents ask for Tom at mealtimes.",
        });
        card = await _h.NextAsync(card, "Save and continue", new JsonObject { ["helpFromManager"] = "Protected time for e-learning." });
        card = await _h.NextAsync(card, "Save and continue", new JsonObject { ["objective1What"] = "Finish the medicines e-learning", ["objective1When"] = "2026-12-31" });
        var summary = await _h.NextAsync(card, "Check the summary", new JsonObject { ["approaches"] = "job-shadowing,e-learning", ["overall"] = "on-track" });

        var summaryText = CardJson.Texts(summary);
        Assert.Contains("Working with the team", summaryText, StringComparison.Ordinal);
        Assert.Contains("Residents ask for Tom at mealtimes.", summaryText, StringComparison.Ordinal);
        Assert.Contains("How Priya can help", summaryText, StringComparison.Ordinal);

        await _h.NextAsync(summary, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" });
        var review = (await _h.LatestReviewAsync(_h.Tom.AadObjectId))!;
        Assert.Equal("Steps in to cover when the team is short.", review.TeamWorking);
        Assert.Equal("Protected time for e-learning.", review.HelpFromManager);

        var copy = _h.LastCardSentTo(_h.Tom);
        Assert.Contains("The difference made to patients and service users", CardJson.Texts(copy), StringComparison.Ordinal);
        Assert.Contains("Protected time for e-learning.", CardJson.Texts(copy), StringComparison.Ordinal);
        var articles = CardJson.Actions(copy, "ask.article").Select(a => a["data"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["job-shadowing", "e-learning"], articles);

        var page = PrintPage.Render(review);
        Assert.Contains("Working with the team", page, StringComparison.Ordinal);
        Assert.Contains("Protected time for e-learning.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_way_to_learn_on_the_persons_copy_opens_its_article()
    {
        await _h.RunFullReviewAsync();
        var copy = _h.LastCardSentTo(_h.Tom);

        var article = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, copy, "Shadowing someone"));

        Assert.DoesNotContain("no longer in the knowledge base", CardJson.Texts(article), StringComparison.Ordinal);
        Assert.Contains("shadow", CardJson.Texts(article), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_optional_prompt_is_scrubbed_before_it_is_saved()
    {
        var card = await _h.OpenReviewAsync(_h.Grace.AadObjectId);

        var back = await _h.NextAsync(card, "Save and continue", new JsonObject
        {
            ["wentWell"] = "Kind and patient.",
            ["differenceMade"] = "Helped the resident with NHS number 943 476 5919 settle in.",
        });

        Assert.Contains("I removed an NHS number", CardJson.Texts(back), StringComparison.Ordinal);
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Grace.AadObjectId, CancellationToken.None);
        Assert.Contains("[NHS number removed]", draft!.DifferenceMade, StringComparison.Ordinal);
        Assert.DoesNotContain("943 476 5919", draft.DifferenceMade, StringComparison.Ordinal);
    }
}
