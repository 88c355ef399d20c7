using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview;
using LearningBot.FiveMinuteReview.History;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.FiveMinuteReview.History;

public sealed class ReviewHistoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson Priya = ReviewHarness.Manager;
    private ReviewHarness _h = null!;
    private TestPerson _sam = null!;

    private ReviewHistory History => _h.Bot.Services.GetRequiredService<ReviewHistory>();

    public async Task InitializeAsync()
    {
        _h = await ReviewHarness.StartWithChatsAsync(azurite);
        _sam = TestPerson.Unique("sam", "Sam Reid");
        _h.People.Add(_sam.AadObjectId, _sam.Name, null);
        await _h.SayAsync(_sam, "thanks");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task My_reviews_lists_only_the_callers_own_reviews_newest_first_each_with_a_printable_copy()
    {
        await ReviewAsync(Priya, _h.Tom.AadObjectId, "Clear, calm handovers.", "Finish the medicines e-learning");
        await ReviewAsync(Priya, _h.Grace.AadObjectId, "Kind with new volunteers.", "Run the volunteer induction");
        _h.Clock.Now = _h.Clock.Now.AddMonths(3);
        await ReviewAsync(Priya, _h.Tom.AadObjectId, "Steady on nights.", "Lead two team huddles a week");

        await _h.SayAsync(_h.Tom, "my reviews");

        var card = LastCardTo(_h.Tom);
        var shown = CardJson.Readable(card);
        Assert.Contains("2 reviews, newest first.", shown, StringComparison.Ordinal);
        Assert.True(shown.IndexOf("22 February 2027 with Priya Shah", StringComparison.Ordinal) < shown.IndexOf("22 November 2026 with Priya Shah", StringComparison.Ordinal));
        Assert.Contains("Lead two team huddles a week", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Run the volunteer induction", shown, StringComparison.Ordinal);
        Assert.Equal(2, CardJson.Descendants(card).Count(n => n["type"]?.GetValue<string>() == "Action.OpenUrl" && n["url"]!.GetValue<string>().Contains("/print?", StringComparison.Ordinal)));
        Assert.Equal(2, CardJson.Actions(card, HistoryVerbs.OpenMine).Count(a => a["title"]!.GetValue<string>() == "Acknowledge"));
    }

    [Fact]
    public async Task My_reviews_are_paged_five_at_a_time()
    {
        for (var i = 0; i < 6; i++)
        {
            await ReviewAsync(Priya, _h.Tom.AadObjectId, $"Review {i}.", $"Objective number {i}");
            _h.Clock.Now = _h.Clock.Now.AddMonths(1);
        }

        var first = await MineAsync(_h.Tom);
        Assert.Contains("Page 1 of 2: 6 reviews", CardJson.Readable(first), StringComparison.Ordinal);
        Assert.Equal(5, CardJson.Actions(first, HistoryVerbs.OpenMine).Count(a => a["title"]!.GetValue<string>() == "Add a comment"));

        var second = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, first, "Older reviews"));
        Assert.Contains("Page 2 of 2", CardJson.Readable(second), StringComparison.Ordinal);
        Assert.Contains("Objective number 0", CardJson.Readable(second), StringComparison.Ordinal);
        Assert.DoesNotContain("Objective number 5", CardJson.Readable(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_acknowledges_a_review_from_my_reviews_with_a_comment_and_the_manager_is_told()
    {
        await ReviewAsync(Priya, _h.Tom.AadObjectId, "Clear, calm handovers.", "Finish the medicines e-learning");

        var copy = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, await MineAsync(_h.Tom), "Acknowledge"));
        var acknowledged = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, copy, "Acknowledge", new JsonObject { ["comment"] = "Thanks, agreed." }));

        Assert.Contains("You acknowledged this review", CardJson.Readable(acknowledged), StringComparison.Ordinal);
        Assert.Contains(_h.CardsSentTo(Priya), c => c.Contains("Tom Okafor acknowledged their review", StringComparison.Ordinal));
        var mine = CardJson.Readable(await MineAsync(_h.Tom));
        Assert.Contains("Acknowledged on 22 November 2026", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Acknowledge\"", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_from_my_reviews_is_scrubbed_before_it_is_stored_stored_once_and_told_to_the_manager_once()
    {
        await ReviewAsync(Priya, _h.Tom.AadObjectId, "Clear, calm handovers.", "Finish the medicines e-learning");
        var review = (await History.ReviewsAsync(_h.Tom.AadObjectId, CancellationToken.None)).Single();
        var commentCard = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, await MineAsync(_h.Tom), "Add a comment"));

        var checkFirst = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, commentCard, "Add comment", new JsonObject { ["comment"] = "Booked it. My NHS number is 943 476 5919." }));
        Assert.Contains("Nothing has been saved yet", CardJson.Readable(checkFirst), StringComparison.Ordinal);
        Assert.Empty(await History.CommentsAsync(_h.Tom.AadObjectId, review.ReviewId, CancellationToken.None));

        var scrubbed = CardJson.ById(checkFirst, "comment")["value"]!.GetValue<string>();
        Assert.DoesNotContain("943 476 5919", scrubbed, StringComparison.Ordinal);
        var saved = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, checkFirst, "Add comment", new JsonObject { ["comment"] = scrubbed }));
        await _h.PressOnCardAsync(_h.Tom, checkFirst, "Add comment", new JsonObject { ["comment"] = scrubbed });

        Assert.Contains("Your comment is saved with the review, and Priya has been told.", CardJson.Readable(saved), StringComparison.Ordinal);
        var stored = Assert.Single(await History.CommentsAsync(_h.Tom.AadObjectId, review.ReviewId, CancellationToken.None));
        Assert.Equal(scrubbed, stored.Text);
        Assert.Single(_h.TextsSentTo(Priya), t => t.Contains("added a comment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_manager_sees_the_earlier_reviews_objectives_and_learning_needs_but_the_notes_only_once_the_person_agrees()
    {
        await ReviewAsync(Priya, _h.Tom.AadObjectId, "Clear, calm handovers.", "Finish the medicines e-learning");
        _h.People.Move(_h.Tom.AadObjectId, _sam.AadObjectId);

        var step1 = await OpenAsync(_sam, _h.Tom.AadObjectId);
        var step2 = await NextAsync(_sam, step1, "Save and continue", new JsonObject { ["wentWell"] = "Settled in well." });
        Assert.Contains("Tom's last review was with Priya Shah", CardJson.Readable(step2), StringComparison.Ordinal);
        Assert.Contains("Finish the medicines e-learning", CardJson.Readable(step2), StringComparison.Ordinal);

        var earlier = CardJson.Readable(await NextAsync(_sam, step2, "See earlier reviews"));
        Assert.Contains("Finish the medicines e-learning", earlier, StringComparison.Ordinal);
        Assert.Contains("Dementia awareness", earlier, StringComparison.Ordinal);
        Assert.Contains("has not agreed to share the notes", earlier, StringComparison.Ordinal);
        Assert.DoesNotContain("Clear, calm handovers.", earlier, StringComparison.Ordinal);
        Assert.DoesNotContain("Weekend staffing is hard.", earlier, StringComparison.Ordinal);
        Assert.DoesNotContain("Check in about night shifts.", earlier, StringComparison.Ordinal);

        // Asked once, in Tom's own chat; opening the review again does not ask again.
        await OpenAsync(_sam, _h.Tom.AadObjectId);
        var question = Assert.Single(CardsTo(_h.Tom), c => CardJson.Readable(c).Contains("Your manager is now Sam Reid", StringComparison.Ordinal));
        var answered = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, question, "Yes, they may"));
        Assert.Contains("Sam can now see the notes", CardJson.Readable(answered), StringComparison.Ordinal);

        var withNotes = CardJson.Readable(await NextAsync(_sam, step2, "See earlier reviews"));
        Assert.Contains("Clear, calm handovers.", withNotes, StringComparison.Ordinal);
        Assert.Contains("Weekend staffing is hard.", withNotes, StringComparison.Ordinal);

        // Tom changes his mind in my reviews.
        var mine = await MineAsync(_h.Tom);
        Assert.Contains("Sam Reid, your manager now, can see the notes", CardJson.Readable(mine), StringComparison.Ordinal);
        await _h.PressOnCardAsync(_h.Tom, mine, "Stop Sam seeing the notes");
        Assert.DoesNotContain("Clear, calm handovers.", CardJson.Readable(await NextAsync(_sam, step2, "See earlier reviews")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_change_of_manager_the_previous_manager_can_neither_see_nor_open_the_new_review()
    {
        await ReviewAsync(Priya, _h.Tom.AadObjectId, "Clear, calm handovers.", "Finish the medicines e-learning");
        _h.People.Move(_h.Tom.AadObjectId, _sam.AadObjectId);
        _h.Clock.Now = _h.Clock.Now.AddMonths(3);
        await ReviewAsync(_sam, _h.Tom.AadObjectId, "Settled in well.", "Shadow the night coordinator");
        var newReview = (await History.ReviewsAsync(_h.Tom.AadObjectId, CancellationToken.None))[0];
        Assert.Equal(_sam.AadObjectId, newReview.ManagerId);

        Assert.DoesNotContain("Tom Okafor", CardJson.Readable(await _h.TeamCardAsync()), StringComparison.Ordinal);
        var open = await _h.PressAsync(Priya, ReviewVerbs.Open, new JsonObject { ["personId"] = _h.Tom.AadObjectId });
        Assert.Equal(ReviewDrafts.NotYourReview, CardJson.MessageFromInvoke(open));
        var confirm = await _h.PressAsync(Priya, ReviewVerbs.Confirm, new JsonObject { ["personId"] = _h.Tom.AadObjectId, ["reviewId"] = newReview.ReviewId });
        Assert.Equal(ReviewDrafts.NotYourReview, CardJson.MessageFromInvoke(confirm));
        var earlier = await _h.PressAsync(Priya, HistoryVerbs.Earlier, new JsonObject { ["personId"] = _h.Tom.AadObjectId });
        Assert.Equal(ReviewDrafts.NotYourReview, CardJson.MessageFromInvoke(earlier));
        var comment = await _h.PressAsync(Priya, HistoryVerbs.OpenMine, new JsonObject { ["managerId"] = _sam.AadObjectId, ["reviewId"] = newReview.ReviewId, ["show"] = "comment" });
        Assert.DoesNotContain("Shadow the night coordinator", comment.ToJsonString(), StringComparison.Ordinal);

        // The record followed Tom: both reviews are his, newest first.
        var mine = CardJson.Readable(await MineAsync(_h.Tom));
        Assert.True(mine.IndexOf("with Sam Reid", StringComparison.Ordinal) < mine.IndexOf("with Priya Shah", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_review_saved_before_the_record_was_kept_still_shows_in_my_reviews_and_carries_its_objectives_to_a_new_manager()
    {
        await ReviewAsync(Priya, _h.Tom.AadObjectId, "Clear, calm handovers.", "Finish the medicines e-learning");
        var review = (await History.ReviewsAsync(_h.Tom.AadObjectId, CancellationToken.None)).Single();
        var table = await _h.Bot.Services.GetRequiredService<TableStorage>().Table(ReviewStore.TableName).GetAsync(CancellationToken.None);
        await table.DeleteEntityAsync(ReviewHistory.Partition(_h.Tom.AadObjectId), ReviewHistory.EntryKey(review.ReviewId));
        await table.DeleteEntityAsync(ReviewHistory.Partition(_h.Tom.AadObjectId), "backfilled");
        _h.People.Move(_h.Tom.AadObjectId, _sam.AadObjectId);

        Assert.Contains("Objective: Finish the medicines", CardJson.Readable(await MineAsync(_h.Tom)), StringComparison.Ordinal);
        var step2 = await NextAsync(_sam, await OpenAsync(_sam, _h.Tom.AadObjectId), "Save and continue", new JsonObject { ["wentWell"] = "Settled in well." });
        Assert.Contains("Finish the medicines e-learning", CardJson.Readable(step2), StringComparison.Ordinal);
    }

    private async Task<JsonObject> MineAsync(TestPerson person) =>
        CardJson.FromInvoke(await _h.PressAsync(person, HistoryVerbs.Mine, new JsonObject { ["page"] = 1 }));

    private async Task<JsonObject> OpenAsync(TestPerson manager, string personId)
    {
        var team = CardJson.FromInvoke(await _h.PressAsync(manager, ReviewVerbs.Start, []));
        return CardJson.FromInvoke(await _h.PressAsync(manager, ReviewVerbs.Open, ReviewHarness.FindOpenButton(team, personId)));
    }

    private async Task<JsonObject> NextAsync(TestPerson manager, JsonObject card, string title, JsonObject? inputs = null) =>
        CardJson.FromInvoke(await _h.PressOnCardAsync(manager, card, title, inputs));

    /// <summary>A whole review by <paramref name="manager"/>, saying how every objective from last time went.</summary>
    private async Task ReviewAsync(TestPerson manager, string personId, string wentWell, string objective)
    {
        var card = await NextAsync(manager, await OpenAsync(manager, personId), "Save and continue", new JsonObject { ["wentWell"] = wentWell });
        var view = new JsonObject { ["personView"] = "Weekend staffing is hard." };
        foreach (var carried in CardJson.Descendants(card).Select(n => n["id"]?.GetValue<string>()).OfType<string>().Where(id => id.StartsWith("carried", StringComparison.Ordinal) && id != "carriedNote"))
        {
            view[carried] = "met";
        }

        card = await NextAsync(manager, card, "Save and continue", view);
        card = await NextAsync(manager, card, "Save and continue", new JsonObject { ["objective1What"] = objective, ["objective1When"] = ReviewDates.Day(_h.Clock.Now.AddMonths(2)) });
        card = await NextAsync(manager, card, "Check the summary", new JsonObject { ["learningNeeds"] = "dementia", ["overall"] = "on-track", ["concern"] = "Check in about night shifts." });
        var saved = await NextAsync(manager, card, "Confirm and save", new JsonObject { ["nextReview"] = ReviewDates.Day(_h.Clock.Now.AddMonths(3)) });
        Assert.Contains("saved", CardJson.Readable(saved), StringComparison.Ordinal);
    }

    private IReadOnlyList<JsonObject> CardsTo(TestPerson person) =>
        [.. _h.Bot.Connector.Sent.Where(s => s.ConversationId == person.ChatId && s.Activity.Attachments is { Count: > 0 }).Select(CardJson.Of)];

    private JsonObject LastCardTo(TestPerson person) => CardsTo(person)[^1];
}
