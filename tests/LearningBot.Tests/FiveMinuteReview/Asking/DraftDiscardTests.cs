using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview.Asking;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview.Asking;

/// <summary>"Discard draft" on a step card: confirmed, at the version shown, and the person shows as not started.</summary>
public sealed class DraftDiscardTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartWithChatsAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_manager_who_confirms_Discard_draft_deletes_it_and_sees_the_person_as_not_started()
    {
        var step1 = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        var step2 = await _h.NextAsync(step1, "Save and continue", new JsonObject { ["wentWell"] = "Clear, calm handovers." });

        var confirm = await _h.NextAsync(step2, "Discard draft");
        Assert.Contains("Discard your draft review with Tom Okafor?", CardJson.Texts(confirm), StringComparison.Ordinal);
        Assert.NotNull(await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None));

        var team = await _h.NextAsync(confirm, "Discard draft");

        Assert.Contains("Your draft review with Tom Okafor has been discarded", CardJson.Texts(team), StringComparison.Ordinal);
        Assert.Contains("Due: first review", CardJson.Texts(team), StringComparison.Ordinal);
        Assert.NotNull(CardJson.ActionByTitle(team, "Review Tom"));
        Assert.Null(await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_Discard_draft_changes_nothing_and_shows_the_latest_draft()
    {
        var step1 = await _h.OpenReviewAsync(_h.Grace.AadObjectId);
        var confirm = await _h.NextAsync(step1, "Discard draft");
        await _h.NextAsync(step1, "Save and continue", new JsonObject { ["wentWell"] = "Saved on another device." });

        var fromConfirm = await _h.NextAsync(confirm, "Discard draft");
        var fromStep = await _h.NextAsync(step1, "Discard draft");

        Assert.Contains(DraftDiscardFeature.ChangedNote, CardJson.Texts(fromConfirm), StringComparison.Ordinal);
        Assert.Contains(DraftDiscardFeature.ChangedNote, CardJson.Texts(fromStep), StringComparison.Ordinal);
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Grace.AadObjectId, CancellationToken.None);
        Assert.NotNull(draft);
        Assert.Equal("Saved on another device.", draft.WentWell);
    }

    [Fact]
    public async Task Keep_it_goes_back_to_the_draft_unchanged()
    {
        var step1 = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        var step2 = await _h.NextAsync(step1, "Save and continue", new JsonObject { ["wentWell"] = "Kept." });
        var confirm = await _h.NextAsync(step2, "Discard draft");

        var back = await _h.NextAsync(confirm, "Keep it");

        Assert.Contains("Step 2 of 4", CardJson.Texts(back), StringComparison.Ordinal);
        Assert.Equal("Kept.", (await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None))!.WentWell);
    }

    [Fact]
    public async Task Rejects_Discard_draft_from_someone_who_does_not_manage_the_person()
    {
        var step1 = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        var confirm = await _h.NextAsync(step1, "Discard draft");

        var answer = await _h.PressOnCardAsync(ReviewHarness.Outsider, confirm, "Discard draft");

        Assert.Contains("only the manager who runs a review", CardJson.MessageFromInvoke(answer), StringComparison.Ordinal);
        Assert.NotNull(await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None));
    }
}
