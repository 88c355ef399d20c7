using System.Text.Json.Nodes;
using LearningBot.Tests.FiveMinuteReview.Paper;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview;

/// <summary>
/// Every date a review card takes has a first and a last day, counted from today (the harness's today is
/// 22 November 2026): the card shows them, and the server refuses anything outside them, the card coming back marked.
/// </summary>
public sealed class ReviewDateBoundsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartWithChatsAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<JsonObject> SummaryAsync() => _h.SummaryCardAsync(_h.Tom.AadObjectId, "Clear, calm handovers.", "Finish the medicines e-learning", "2027-01-31");

    [Theory]
    [InlineData("2028-05-23")]
    [InlineData("2026-11-22")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("2027-02-31")]
    [InlineData("2027-02-22T00:00:00+01:00")]
    [InlineData("22/02/2027")]
    public async Task A_next_review_date_not_from_tomorrow_to_18_months_ahead_comes_back_marked_and_nothing_is_saved(string nextReview)
    {
        var summary = await SummaryAsync();

        var back = await _h.NextAsync(summary, "Confirm and save", new JsonObject { ["nextReview"] = nextReview });

        Assert.True(CardJson.HasId(back, "nextReview-problem"), CardJson.Readable(back));
        Assert.Contains("from tomorrow, and within 18 months", CardJson.Readable(back), StringComparison.Ordinal);
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
        Assert.NotNull(await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task A_next_review_date_sent_as_a_number_is_marked_as_unreadable()
    {
        var summary = await SummaryAsync();

        var back = await _h.NextAsync(summary, "Confirm and save", new JsonObject { ["nextReview"] = 20270222 });

        Assert.True(CardJson.HasId(back, "nextReview-problem"));
        Assert.Contains("could not be read", CardJson.Readable(back), StringComparison.Ordinal);
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
    }

    [Fact]
    public async Task The_last_day_18_months_ahead_is_taken()
    {
        var summary = await SummaryAsync();

        await _h.NextAsync(summary, "Confirm and save", new JsonObject { ["nextReview"] = "2028-05-22" });

        Assert.Equal("2028-05-22", (await _h.LatestReviewAsync(_h.Tom.AadObjectId))?.NextReviewOn);
    }

    [Fact]
    public async Task The_cards_show_the_bounds_and_they_move_with_today()
    {
        var summary = await SummaryAsync();
        Assert.Equal(("2026-11-23", "2028-05-22"), Bounds(summary, "nextReview"));

        _h.Clock.Now = _h.Clock.Now.AddDays(10);
        var objectives = await _h.NextAsync(await _h.NextAsync(await _h.OpenReviewAsync(_h.Grace.AadObjectId), "Save and continue",
            new JsonObject { ["wentWell"] = "Kind to every resident." }), "Save and continue");

        Assert.Equal(("2026-12-03", "2028-12-02"), Bounds(objectives, "objective1When"));
    }

    [Theory]
    [InlineData("2028-11-23")]
    [InlineData("9999-12-31")]
    [InlineData("2026-11-22")]
    public async Task An_objective_date_not_from_tomorrow_to_2_years_ahead_comes_back_marked_and_is_not_kept(string when)
    {
        var card = await _h.NextAsync(await _h.OpenReviewAsync(_h.Tom.AadObjectId), "Save and continue", new JsonObject { ["wentWell"] = "Clear, calm handovers." });
        var objectives = await _h.NextAsync(card, "Save and continue");

        var back = await _h.NextAsync(objectives, "Save and continue", new JsonObject { ["objective1What"] = "Finish the medicines e-learning", ["objective1When"] = when });

        Assert.True(CardJson.HasId(back, "objective1When-problem"), CardJson.Readable(back));
        Assert.Contains("within 2 years", CardJson.Readable(back), StringComparison.Ordinal);
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        Assert.Empty(draft!.Objectives);
    }

    [Theory]
    [InlineData("heldOn", "2025-11-21")]
    [InlineData("heldOn", "2026-11-23")]
    [InlineData("heldOn", "0001-01-01")]
    [InlineData("heldOn", "9999-12-31")]
    [InlineData("heldOn", "2026-02-30")]
    [InlineData("objective1When", "2028-11-23")]
    [InlineData("objective1When", "9999-12-31")]
    public async Task A_paper_review_with_a_date_out_of_bounds_comes_back_marked_and_nothing_is_saved(string inputId, string value)
    {
        var card = await PaperForms.FromTeamCardAsync(_h, _h.Tom.AadObjectId);
        var answers = PaperForms.Held();
        answers[inputId] = value;

        var back = CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, answers));

        Assert.True(CardJson.HasId(back, $"{inputId}-problem"), CardJson.Readable(back));
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
    }

    [Fact]
    public async Task The_paper_review_card_shows_its_bounds()
    {
        var card = await PaperForms.FromTeamCardAsync(_h, _h.Tom.AadObjectId);

        Assert.Equal(("2025-11-22", "2026-11-22"), Bounds(card, "heldOn"));
        Assert.Equal(("2026-11-23", "2028-11-22"), Bounds(card, "objective1When"));
    }

    [Fact]
    public async Task Just_after_midnight_in_british_summer_time_a_paper_review_held_that_uk_day_is_recorded()
    {
        _h.Clock.Now = JustAfterUkMidnightInSummer;
        var card = await PaperForms.FromTeamCardAsync(_h, _h.Tom.AadObjectId);
        var answers = PaperForms.Held();
        answers["heldOn"] = "2026-06-16";
        answers["objective1When"] = "2026-07-16";

        var back = CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, answers));

        Assert.False(CardJson.HasId(back, "heldOn-problem"), CardJson.Readable(back));
        Assert.Equal(("2025-06-16", "2026-06-16"), Bounds(card, "heldOn"));
        Assert.True((await _h.LatestReviewAsync(_h.Tom.AadObjectId))?.HeldOnPaper);
    }

    [Fact]
    public async Task Just_after_midnight_in_british_summer_time_an_objective_dated_that_uk_day_is_refused()
    {
        _h.Clock.Now = JustAfterUkMidnightInSummer;
        var card = await PaperForms.FromTeamCardAsync(_h, _h.Tom.AadObjectId);
        var answers = PaperForms.Held();
        answers["heldOn"] = "2026-06-15";
        answers["objective1When"] = "2026-06-16";

        var back = CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, answers));

        Assert.True(CardJson.HasId(back, "objective1When-problem"), CardJson.Readable(back));
        Assert.Equal(("2026-06-17", "2028-06-16"), Bounds(card, "objective1When"));
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
    }

    /// <summary>23:30 UTC on 15 June 2026 is 00:30 on 16 June in London: the hub's day is the 16th.</summary>
    private static readonly DateTimeOffset JustAfterUkMidnightInSummer = new(2026, 6, 15, 23, 30, 0, TimeSpan.Zero);

    private static (string? Min, string? Max) Bounds(JsonObject card, string inputId)
    {
        var input = CardJson.ById(card, inputId);
        return (input["min"]?.GetValue<string>(), input["max"]?.GetValue<string>());
    }
}
