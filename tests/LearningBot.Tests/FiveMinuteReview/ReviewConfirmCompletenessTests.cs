using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview;
using LearningBot.Privacy;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview;

/// <summary><c>review.confirm</c> saves only a complete review, whatever the pressed card sent.</summary>
public sealed class ReviewConfirmCompletenessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartWithChatsAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_crafted_confirm_on_a_draft_that_skipped_every_step_is_refused_and_nothing_is_saved()
    {
        var step1 = await OpenTomAsync();
        var data = CardJson.ActionByTitle(step1, "Save and continue")!["data"]!.DeepClone().AsObject();
        data["nextReview"] = "2027-02-22";

        var answer = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.confirm", data));

        var text = CardJson.Readable(answer);
        Assert.Contains("This review can't be saved yet", text, StringComparison.Ordinal);
        Assert.Contains("step 1 (feedback), step 3 (objectives) and step 4 (learning and how things are going)", text, StringComparison.Ordinal);
        Assert.Contains("Step 1 of 4", text, StringComparison.Ordinal);
        Assert.Contains("Please write at least one thing that has gone well", text, StringComparison.Ordinal);
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
        Assert.NotNull(await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None));
        Assert.Empty(_h.CardsSentTo(_h.Tom));
    }

    [Fact]
    public async Task A_confirm_pressed_before_the_last_step_is_answered_shows_that_step_with_the_missing_answer_marked()
    {
        var card = await OpenTomAsync();
        card = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue", new JsonObject { ["wentWell"] = "Reliable." }));
        card = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue"));
        var step4 = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue",
            new JsonObject { ["objective1What"] = "Lead a huddle", ["objective1When"] = "2027-01-10" }));
        var data = CardJson.ActionByTitle(step4, "Check the summary")!["data"]!.DeepClone().AsObject();
        data["nextReview"] = "2027-02-22";

        var answer = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.confirm", data));

        var text = CardJson.Readable(answer);
        Assert.Contains("answers are missing or need another look on step 4 (learning and how things are going)", text, StringComparison.Ordinal);
        Assert.Contains("Please choose how things are going overall.", text, StringComparison.Ordinal);
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));

        // Answering the marked step goes on to the summary, and then the review saves.
        var summary = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, answer, "Check the summary", new JsonObject { ["overall"] = "on-track" }));
        var saved = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, summary, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" }));
        Assert.Contains("Review with Tom Okafor saved", CardJson.Readable(saved), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirm_refuses_an_objective_left_without_a_date_on_the_draft()
    {
        var card = await OpenTomAsync();
        card = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue", new JsonObject { ["wentWell"] = "Reliable." }));
        card = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue"));
        // Pause keeps half-finished answers: an objective with no date.
        await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Pause", new JsonObject { ["objective1What"] = "Lead a huddle" });
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        var data = new JsonObject
        {
            ["reviewId"] = draft!.ReviewId, ["personId"] = draft.PersonId, ["etag"] = draft.ETag.ToString(), ["revision"] = draft.Revision,
            ["step"] = 5, ["nextReview"] = "2027-02-22", ["overall"] = "on-track",
        };

        var answer = CardJson.Readable(CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.confirm", data)));

        Assert.Contains("step 3 (objectives) and step 4", answer, StringComparison.Ordinal);
        Assert.Contains("Please choose a date for this objective", answer, StringComparison.Ordinal);
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
    }

    [Fact]
    public void A_steps_saved_answers_read_back_as_the_inputs_its_card_would_send()
    {
        static ScrubbedText T(string text) => PersonalDataScrubber.Scrub(text, new DateOnly(2026, 11, 1));
        var previous = new ReviewEntity().WithObjectives([(T("Huddles"), "2026-10-01", ScrubbedText.Empty)]);
        var draft = new ReviewEntity
        {
            LearningNeeds = "dementia,medicines", Approaches = "coaching", Overall = "on-track",
            Wellbeing = "okay", NextReviewOn = "2027-02-22",
        }.CarryOn(previous)
            .WithFeedback(T("Calm handovers."), T("Notes on time."))
            .WithTheirView(T("Busy weekends."), T("Good year."), ["met"])
            .WithLearning(T("The new hoist"), T("Rota"))
            .WithObjectives([(T("Lead a huddle"), "2027-01-10", T("Minutes kept")), (T("Shadow a night shift"), "2027-02-01", ScrubbedText.Empty)]);

        for (var step = ReviewSteps.Feedback; step <= ReviewSteps.Summary; step++)
        {
            Assert.True(ReviewForms.AlreadyHolds(draft, step, ReviewForms.Values(draft, step), new DateOnly(2026, 11, 1)), $"step {step}");
        }
    }

    private async Task<JsonObject> OpenTomAsync()
    {
        var team = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.start", []));
        return CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.open", ReviewHarness.FindOpenButton(team, _h.Tom.AadObjectId)));
    }
}
