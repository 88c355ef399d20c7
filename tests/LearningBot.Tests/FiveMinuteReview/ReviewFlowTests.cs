using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview;
using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview;

public sealed class ReviewFlowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartWithChatsAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_full_review_takes_seven_presses_saves_once_and_sends_the_person_their_copy()
    {
        var (saved, presses) = await _h.RunFullReviewAsync();

        Assert.True(presses <= 8);
        Assert.Contains("Review with Tom Okafor saved", CardJson.Readable(saved), StringComparison.Ordinal);
        Assert.Contains("has been sent a copy in Teams", CardJson.Readable(saved), StringComparison.Ordinal);
        var review = await _h.LatestReviewAsync(_h.Tom.AadObjectId);
        Assert.NotNull(review);
        Assert.Equal("Clear, calm handovers.", review.WentWell);
        Assert.Equal("2027-02-22", review.NextReviewOn);
        Assert.Equal("on-track", review.Overall);
        Assert.Single(review.Objectives);
        Assert.NotNull(review.SentToPersonAt);
        Assert.NotNull(review.DurationSeconds);
        Assert.Null(await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None));
        var copy = Assert.Single(_h.CardsSentTo(_h.Tom));
        Assert.Contains("Your Five Minute Review with Priya Shah", copy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_the_time_from_start_to_confirm()
    {
        var card = await _h.OpenReviewAsync(_h.Grace.AadObjectId);
        _h.Clock.Now = _h.Clock.Now.AddMinutes(4).AddSeconds(30);
        card = await _h.NextAsync(card, "Save and continue", new JsonObject { ["wentWell"] = "Kind with new volunteers." });
        card = await _h.NextAsync(card, "Save and continue");
        card = await _h.NextAsync(card, "Save and continue", new JsonObject { ["objective1What"] = "Run the volunteer induction", ["objective1When"] = "2027-01-15" });
        card = await _h.NextAsync(card, "Check the summary", new JsonObject { ["overall"] = "exceeding" });
        await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" });

        var review = await _h.LatestReviewAsync(_h.Grace.AadObjectId);
        Assert.Equal(270, review!.DurationSeconds);
    }

    [Fact]
    public async Task A_draft_resumes_at_the_step_where_it_stopped_with_its_answers()
    {
        var team = await _h.TeamCardAsync();
        var open = ReviewHarness.FindOpenButton(team, _h.Tom.AadObjectId);
        var card = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.open", open));
        await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue", new JsonObject { ["wentWell"] = "Good with residents." });

        // Another device: the team card now offers to carry on, and opens step 2.
        team = await _h.TeamCardAsync();
        Assert.Contains("Carry on with Tom", CardJson.Readable(team), StringComparison.Ordinal);
        Assert.Contains("In progress: step 2 of 4", CardJson.Readable(team), StringComparison.Ordinal);
        var resumed = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.open", open));
        Assert.Contains("Step 2 of 4", CardJson.Readable(resumed), StringComparison.Ordinal);

        var back = await _h.NextAsync(resumed, "Back");
        Assert.Contains("Good with residents.", CardJson.Readable(back), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_devices_editing_one_draft_get_the_latest_with_a_note_instead_of_losing_work()
    {
        var team = await _h.TeamCardAsync();
        var open = ReviewHarness.FindOpenButton(team, _h.Tom.AadObjectId);
        var phone = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.open", open));
        var laptop = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.open", open));

        await _h.PressOnCardAsync(ReviewHarness.Manager, laptop, "Save and continue", new JsonObject { ["wentWell"] = "Written on the laptop." });
        var answer = await _h.NextAsync(phone, "Save and continue", new JsonObject { ["wentWell"] = "Written on the phone." });

        Assert.Contains("changed on another device", CardJson.Readable(answer), StringComparison.Ordinal);
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        Assert.Equal("Written on the laptop.", draft!.WentWell);
        Assert.Contains("Step 2 of 4", CardJson.Readable(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_pressed_next_saves_once_and_moves_on_without_a_conflict_note()
    {
        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        var inputs = new JsonObject { ["wentWell"] = "Pressed twice." };

        var first = await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue", inputs);
        var second = await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue", inputs);

        Assert.Contains("Step 2 of 4", CardJson.Readable(CardJson.FromInvoke(second)), StringComparison.Ordinal);
        Assert.DoesNotContain("another device", CardJson.Readable(CardJson.FromInvoke(second)), StringComparison.Ordinal);
        Assert.Equal(CardJson.Readable(CardJson.FromInvoke(first)), CardJson.Readable(CardJson.FromInvoke(second)));
    }

    [Fact]
    public async Task Confirming_twice_saves_once_and_sends_one_copy()
    {
        var summary = await _h.SummaryCardAsync(_h.Tom.AadObjectId, "Reliable.", "Lead a huddle", "2027-01-10");

        var presses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            _h.PressOnCardAsync(ReviewHarness.Manager, summary, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" })));

        Assert.All(presses, p => Assert.Contains("Review with Tom Okafor saved", CardJson.Readable(CardJson.FromInvoke(p)), StringComparison.Ordinal));
        Assert.Single(_h.CardsSentTo(_h.Tom));
    }

    [Fact]
    public async Task Confirm_still_saves_when_a_reminder_was_recorded_on_the_persons_row_meanwhile()
    {
        var summary = await _h.SummaryCardAsync(_h.Tom.AadObjectId, "Reliable.", "Lead a huddle", "2027-01-10");
        var row = (await _h.Store.GetTeamRowsAsync(ReviewHarness.Manager.AadObjectId, CancellationToken.None)).People[_h.Tom.AadObjectId];
        Assert.True(await _h.Store.TryClaimReminderAsync(row, row with { DueReminderFor = "2026-11-25" }, CancellationToken.None));

        var saved = await _h.NextAsync(summary, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" });

        Assert.Contains("Review with Tom Okafor saved", CardJson.Readable(saved), StringComparison.Ordinal);
        var index = (await _h.Store.GetTeamRowsAsync(ReviewHarness.Manager.AadObjectId, CancellationToken.None)).People[_h.Tom.AadObjectId];
        Assert.Equal(new DateTimeOffset(2027, 2, 22, 0, 0, 0, TimeSpan.Zero), index.NextReviewDue);
        Assert.Null(index.DueReminderFor);
    }

    [Fact]
    public async Task Only_the_manager_can_open_a_review_and_others_are_told_clearly()
    {
        var refusal = await _h.PressAsync(ReviewHarness.Outsider, "review.open", new JsonObject { ["personId"] = _h.Tom.AadObjectId });
        Assert.Contains("only the manager", CardJson.MessageFromInvoke(refusal), StringComparison.Ordinal);

        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        var hijack = await _h.PressOnCardAsync(ReviewHarness.Outsider, card, "Save and continue", new JsonObject { ["wentWell"] = "Not mine to write." });
        Assert.Contains("only the manager", CardJson.MessageFromInvoke(hijack), StringComparison.Ordinal);

        // A manager who no longer manages the person loses access to the draft too.
        _h.People.Move(_h.Tom.AadObjectId, ReviewHarness.Outsider.AadObjectId);
        var moved = await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue", new JsonObject { ["wentWell"] = "Too late." });
        Assert.Contains("only the manager", CardJson.MessageFromInvoke(moved), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_long_or_missing_answers_come_back_marked_and_nothing_is_saved()
    {
        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);

        var tooLong = await _h.NextAsync(card, "Save and continue", new JsonObject { ["wentWell"] = new string('a', 1001) });
        var missing = await _h.NextAsync(card, "Save and continue", new JsonObject { ["wentWell"] = "  " });

        Assert.Contains("wentWell-problem", CardJson.Readable(tooLong), StringComparison.Ordinal);
        Assert.Contains("1,000 characters", CardJson.Readable(tooLong), StringComparison.Ordinal);
        Assert.Contains("wentWell-problem", CardJson.Readable(missing), StringComparison.Ordinal);
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        Assert.Equal(1, draft!.Step);
        Assert.Equal(string.Empty, draft.WentWell);
    }

    [Fact]
    public async Task An_objective_needs_a_date_and_carries_forward_to_the_next_review_with_how_did_it_go()
    {
        await _h.RunFullReviewAsync();
        _h.Clock.Now = _h.Clock.Now.AddMonths(3);

        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        card = await _h.NextAsync(card, "Save and continue", new JsonObject { ["wentWell"] = "Finished the e-learning early." });
        Assert.Contains("Finish the medicines e-learning", CardJson.Readable(card), StringComparison.Ordinal);
        Assert.Contains("How did it go?", CardJson.Readable(card), StringComparison.Ordinal);

        var unanswered = await _h.NextAsync(card, "Save and continue");
        Assert.Contains("carried0-problem", CardJson.Readable(unanswered), StringComparison.Ordinal);

        var objectives = await _h.NextAsync(card, "Save and continue", new JsonObject { ["carried0"] = "partly" });
        Assert.Contains("Finish the medicines e-learning", CardJson.Readable(objectives), StringComparison.Ordinal);
        var noDate = await _h.NextAsync(objectives, "Save and continue", new JsonObject { ["objective1What"] = "Finish the medicines e-learning", ["objective1When"] = "" });
        Assert.Contains("objective1When-problem", CardJson.Readable(noDate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_step_shows_on_every_device_while_opening_a_review_shows_only_where_it_was_pressed()
    {
        await _h.SayAsync(ReviewHarness.Manager, "review");
        var message = _h.Bot.Connector.Sent.Last(s => s.ConversationId == ReviewHarness.Manager.ChatId);
        var team = CardJson.Of(message);

        var opened = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.open", ReviewHarness.FindOpenButton(team, _h.Tom.AadObjectId), message.ActivityId));

        Assert.Empty(_h.Bot.Connector.Edits);
        var saved = CardJson.FromInvoke(await _h.PressOnCardAsync(
            ReviewHarness.Manager, opened, "Save and continue", new JsonObject { ["wentWell"] = "Clear, calm handovers." }, message.ActivityId));
        var edit = Assert.Single(_h.Bot.Connector.Edits);
        Assert.Equal((ReviewHarness.Manager.ChatId, message.ActivityId), (edit.ConversationId, edit.ActivityId));
        Assert.True(JsonNode.DeepEquals(saved, CardJson.Of(edit.Activity)), "The message shows the step the draft is at.");
    }

    [Fact]
    public async Task The_confirmed_review_is_written_into_the_message_it_was_confirmed_on()
    {
        var summary = await _h.SummaryCardAsync(_h.Tom.AadObjectId, "Clear, calm handovers.", "Finish the medicines e-learning", "2026-12-31");
        const string summaryMessage = "summary-message";

        var confirmed = CardJson.FromInvoke(await _h.PressOnCardAsync(
            ReviewHarness.Manager, summary, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" }, summaryMessage));

        Assert.Contains("Review with Tom Okafor saved", CardJson.Readable(confirmed), StringComparison.Ordinal);
        var edit = Assert.Single(_h.Bot.Connector.Edits);
        Assert.Equal(summaryMessage, edit.ActivityId);
        Assert.True(JsonNode.DeepEquals(confirmed, CardJson.Of(edit.Activity)));
    }

    [Fact]
    public async Task A_large_team_is_shown_a_page_at_a_time_and_every_page_stays_under_28_KB()
    {
        for (var i = 1; i <= 40; i++)
        {
            _h.People.Add($"big-team-{i}-{Guid.NewGuid():N}", $"Team member {i:00}", ReviewHarness.Manager.AadObjectId);
        }

        var first = await _h.TeamCardAsync();
        var second = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, first, "Next page"));
        var third = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, second, "Next page"));

        Assert.Equal([ReviewTeamView.PageSize, ReviewTeamView.PageSize, 13], new[] { first, second, third }.Select(card => CardJson.Actions(card, "review.open").Count));
        Assert.Contains("Page 2 of 3: 43 people.", CardJson.Texts(second), StringComparison.Ordinal);
        Assert.Null(CardJson.ActionByTitle(third, "Next page"));
        Assert.All(new[] { first, second, third }, card => Assert.InRange(Cards.LargestCardData.SizeAsSent(card), 1, LearningBot.Connector.Hosting.CardFit.MaxMessageBytes));
    }

    [Fact]
    public async Task Pausing_keeps_the_draft_and_shows_the_team_with_a_note()
    {
        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);

        var paused = await _h.NextAsync(card, "Pause", new JsonObject { ["wentWell"] = "Half a thought" });

        Assert.Contains("saved as a draft", CardJson.Readable(paused), StringComparison.Ordinal);
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        Assert.Equal("Half a thought", draft!.WentWell);
    }

    [Fact]
    public async Task The_person_acknowledges_once_with_a_comment_and_the_manager_sees_it()
    {
        await _h.RunFullReviewAsync();
        var review = await _h.LatestReviewAsync(_h.Tom.AadObjectId);
        var data = new JsonObject { ["reviewId"] = review!.ReviewId, ["managerId"] = review.ManagerId };

        var notTom = await _h.PressAsync(_h.Grace, "review.acknowledge", data.DeepClone().AsObject());
        Assert.Contains("only the person", CardJson.MessageFromInvoke(notTom), StringComparison.Ordinal);

        var ack = CardJson.FromInvoke(await _h.PressAsync(_h.Tom, "review.acknowledge", new JsonObject { ["reviewId"] = review.ReviewId, ["managerId"] = review.ManagerId, ["comment"] = "Thanks, agreed." }));
        var again = CardJson.FromInvoke(await _h.PressAsync(_h.Tom, "review.acknowledge", new JsonObject { ["reviewId"] = review.ReviewId, ["managerId"] = review.ManagerId, ["comment"] = "Thanks, agreed." }));

        Assert.Contains("You acknowledged this review", CardJson.Readable(ack), StringComparison.Ordinal);
        Assert.Contains("You acknowledged this review", CardJson.Readable(again), StringComparison.Ordinal);
        var toManager = Assert.Single(_h.CardsSentTo(ReviewHarness.Manager), c => c.Contains("acknowledged their review", StringComparison.Ordinal));
        Assert.Contains("Thanks, agreed.", toManager, StringComparison.Ordinal);
        var stored = await _h.LatestReviewAsync(_h.Tom.AadObjectId);
        Assert.Equal("Thanks, agreed.", stored!.PersonComment);
        var team = CardJson.Readable(await _h.TeamCardAsync());
        Assert.Contains("acknowledged", team, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_can_send_their_view_beforehand_into_the_managers_draft()
    {
        var card = await _h.OpenReviewAsync(_h.Tom.AadObjectId);
        card = await _h.NextAsync(card, "Save and continue", new JsonObject { ["wentWell"] = "Steady." });

        var asked = await _h.NextAsync(card, "Ask Tom first");
        Assert.Contains("sent Tom a short card", CardJson.Readable(asked), StringComparison.Ordinal);
        var askCard = JsonNode.Parse(Assert.Single(_h.CardsSentTo(_h.Tom)))!.AsObject();

        var outsider = await _h.PressOnCardAsync(_h.Grace, askCard, "Send to Priya", new JsonObject { ["ownView"] = "Not my review." });
        Assert.Contains("already been finished", CardJson.MessageFromInvoke(outsider), StringComparison.Ordinal);
        var thanks = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, askCard, "Send to Priya", new JsonObject { ["ownView"] = "More shadowing would help." }));
        Assert.Contains("Thank you", CardJson.Readable(thanks), StringComparison.Ordinal);

        var resumed = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.open", new JsonObject { ["personId"] = _h.Tom.AadObjectId }));
        Assert.Contains("More shadowing would help.", CardJson.Readable(resumed), StringComparison.Ordinal);

        // The manager carries on from the card shown before Tom answered: no conflict, nothing of Tom's lost.
        var next = await _h.NextAsync(asked, "Save and continue", new JsonObject { ["personView"] = "Said the same in person." });
        Assert.Contains("Step 3 of 4", CardJson.Readable(next), StringComparison.Ordinal);
        Assert.DoesNotContain("another device", CardJson.Readable(next), StringComparison.Ordinal);
        var draft = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        Assert.Equal("More shadowing would help.", draft!.PersonOwnView);
        Assert.Equal("Said the same in person.", draft.PersonView);
        Assert.Contains(_h.TextsSentTo(ReviewHarness.Manager), t => t.Contains("has sent their view", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_without_teams_gets_a_printable_copy_instead()
    {
        var (saved, _) = await _h.RunFullReviewAsync(_h.VolunteerId);

        Assert.Contains("doesn't use Teams, so print this review", CardJson.Readable(saved), StringComparison.Ordinal);
        Assert.Contains("https://learningbot.example.org/reviews/", CardJson.Readable(saved), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_someone_without_teams_starts_their_review()
    {
        var card = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.addPerson", new JsonObject { ["newName"] = "Dev Raman", ["newRole"] = "Volunteer driver" }));

        Assert.Contains("Five Minute Review with Dev Raman", CardJson.Readable(card), StringComparison.Ordinal);
        var missingName = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.addPerson", new JsonObject { ["newName"] = "" }));
        Assert.Contains("newName-problem", CardJson.Readable(missingName), StringComparison.Ordinal);
    }
}
