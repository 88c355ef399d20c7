using System.Net;
using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview.Paper;

public sealed class PaperReviewTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartWithChatsAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_paper_review_recorded_for_a_volunteer_counts_as_done_and_gives_a_printable_copy_in_three_presses()
    {
        var presses = 0;
        var card = await PaperForms.FromTeamCardAsync(_h, _h.VolunteerId); presses += 2;
        var saved = CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, PaperForms.Held())); presses++;

        var text = CardJson.Readable(saved);
        Assert.Equal(3, presses);
        Assert.Contains("Review with Margaret O'Neill saved", text, StringComparison.Ordinal);
        Assert.Contains("Held on 20 November 2026 and signed on paper; recorded on 22 November 2026.", text, StringComparison.Ordinal);
        Assert.Contains("https://learningbot.example.org/reviews/", text, StringComparison.Ordinal);
        var review = await _h.LatestReviewAsync(_h.VolunteerId);
        Assert.NotNull(review);
        Assert.True(review.HeldOnPaper);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), review.ConfirmedAt);
        Assert.Equal("2027-02-20", review.NextReviewOn);
        Assert.Equal("Try the memory café with one resident", Assert.Single(review.Objectives).What);
        Assert.Contains("Done: next due 20 February 2027", CardJson.Readable(await _h.TeamCardAsync()), StringComparison.Ordinal);
        var counted = await _h.Store.QueryConfirmedSinceAsync(_h.Clock.GetUtcNow().AddMonths(-12), CancellationToken.None)
            .Where(r => r.PersonId == _h.VolunteerId).ToListAsync();
        Assert.Single(counted);
    }

    [Fact]
    public async Task A_person_who_uses_Teams_gets_their_copy_of_a_paper_review_recorded_with_the_command()
    {
        await _h.SayAsync(ReviewHarness.Manager, "record paper review");
        var card = CardJson.Of(_h.Bot.Connector.Sent.Last(s => s.ConversationId == ReviewHarness.Manager.ChatId && s.Activity.Attachments is { Count: > 0 }));
        var answers = PaperForms.Held("Lead one handover a week");
        answers["personId"] = _h.Tom.AadObjectId;
        answers["keyPoints"] = "Handovers are clear and calm.";

        var saved = CardJson.Readable(CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, answers)));

        Assert.Contains("Review with Tom Okafor saved", saved, StringComparison.Ordinal);
        Assert.True(await Eventually.TrueAsync(() => _h.CardsSentTo(_h.Tom).Any(c => c.Contains("Lead one handover a week", StringComparison.Ordinal))), "Tom has not had the copy: " + string.Join("\n", _h.CardsSentTo(_h.Tom)));
        var copy = Assert.Single(_h.CardsSentTo(_h.Tom), c => c.Contains("Lead one handover a week", StringComparison.Ordinal));
        Assert.Contains("Handovers are clear and calm.", copy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paper_review_appears_in_the_persons_my_reviews()
    {
        await _h.SayAsync(_h.Tom, "my reviews");
        var card = await PaperForms.FromTeamCardAsync(_h, _h.Tom.AadObjectId);
        await PaperForms.SaveAsync(_h, card, PaperForms.Held("Lead one handover a week"));

        await _h.SayAsync(_h.Tom, "my reviews");

        Assert.Contains("Lead one handover a week", _h.CardsSentTo(_h.Tom)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_date_held_in_the_future_and_an_unticked_signed_box_and_saves_nothing()
    {
        var card = await PaperForms.FromTeamCardAsync(_h, _h.Tom.AadObjectId);
        var answers = PaperForms.Held();
        answers["heldOn"] = "2026-11-23";
        answers["signedOnPaper"] = "false";

        var back = CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, answers));

        Assert.True(CardJson.HasId(back, "heldOn-problem"));
        Assert.True(CardJson.HasId(back, "signedOnPaper-problem"));
        Assert.Contains("Please tick this once you have both signed the paper form", CardJson.Readable(back), StringComparison.Ordinal);
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
    }

    [Fact]
    public async Task Rejects_an_objective_with_no_date_and_marks_it()
    {
        var card = await PaperForms.FromTeamCardAsync(_h, _h.Tom.AadObjectId);
        var answers = PaperForms.Held();
        answers["objective2What"] = "Shadow the night team";

        var back = CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, answers));

        Assert.True(CardJson.HasId(back, "objective2When-problem"));
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
    }

    [Fact]
    public async Task A_double_press_saves_one_review_and_sends_one_copy()
    {
        var card = await PaperForms.FromTeamCardAsync(_h, _h.Tom.AadObjectId);

        var first = CardJson.Readable(CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, PaperForms.Held())));
        var second = CardJson.Readable(CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, PaperForms.Held())));

        Assert.Contains("Review with Tom Okafor saved", first, StringComparison.Ordinal);
        Assert.Contains("Review with Tom Okafor saved", second, StringComparison.Ordinal);
        var reviews = await _h.Store.QueryConfirmedSinceAsync(_h.Clock.GetUtcNow().AddMonths(-12), CancellationToken.None)
            .Where(r => r.PersonId == _h.Tom.AadObjectId).ToListAsync();
        Assert.Single(reviews);
        Assert.True(await Eventually.TrueAsync(() => _h.CardsSentTo(_h.Tom).Count > 0));
        Assert.Single(_h.CardsSentTo(_h.Tom));
    }

    [Fact]
    public async Task Key_points_are_scrubbed_and_shown_to_the_manager_before_anything_is_saved()
    {
        var card = await PaperForms.FromTeamCardAsync(_h, _h.Tom.AadObjectId);
        var answers = PaperForms.Held();
        answers["keyPoints"] = "Calm with Mrs Joan Smith (943 476 5919) during her move.";

        var back = CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, answers));

        var shown = CardJson.Readable(back);
        Assert.Contains("I removed", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("943 476 5919", shown, StringComparison.Ordinal);
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));

        var saved = CardJson.Readable(CardJson.FromInvoke(await PaperForms.SaveAsync(_h, back, [])));
        Assert.Contains("Review with Tom Okafor saved", saved, StringComparison.Ordinal);
        var review = await _h.LatestReviewAsync(_h.Tom.AadObjectId);
        Assert.Contains("[NHS number removed]", review!.KeyPoints, StringComparison.Ordinal);
        Assert.DoesNotContain("943 476 5919", review.KeyPoints, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_does_not_manage_the_person_cannot_record_a_paper_review_for_them()
    {
        await _h.SayAsync(ReviewHarness.Outsider, "thanks");
        var opened = await _h.PressAsync(ReviewHarness.Outsider, "review.paper", new JsonObject { ["personId"] = _h.Tom.AadObjectId });
        var answers = PaperForms.Held();
        answers["personId"] = _h.Tom.AadObjectId;
        answers["reviewId"] = Guid.NewGuid().ToString("N");

        await _h.PressAsync(ReviewHarness.Outsider, "review.paperSave", answers);

        Assert.Contains("only record a review for someone you look after", CardJson.MessageFromInvoke(opened), StringComparison.Ordinal);
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
        var anywhere = await _h.Store.QueryConfirmedSinceAsync(_h.Clock.GetUtcNow().AddMonths(-12), CancellationToken.None)
            .Where(r => r.PersonId == _h.Tom.AadObjectId).ToListAsync();
        Assert.Empty(anywhere);
    }

    [Fact]
    public async Task The_review_form_command_links_the_blank_form_in_both_sizes_and_the_page_is_public()
    {
        await _h.SayAsync(ReviewHarness.Manager, "review form");
        var card = CardJson.Of(_h.Bot.Connector.Sent.Last(s => s.ConversationId == ReviewHarness.Manager.ChatId && s.Activity.Attachments is { Count: > 0 }));
        var urls = PaperForms.OpenUrls(card).Select(a => a["url"]!.GetValue<string>()).ToList();

        Assert.Equal(["https://learningbot.example.org/reviews/form/print", "https://learningbot.example.org/reviews/form/print?size=large"], urls);
        var standard = await _h.Bot.Client.GetAsync("/reviews/form/print");
        var large = await _h.Bot.Client.GetAsync("/reviews/form/print?size=large");
        Assert.Equal(HttpStatusCode.OK, standard.StatusCode);
        Assert.Contains("public", standard.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var html = await standard.Content.ReadAsStringAsync();
        foreach (var heading in new[] { "Step 1: feedback", "Step 2: their view", "Step 3: objectives until next time", "Step 4: learning and how things are going", "Signed" })
        {
            Assert.Contains($"<h2>{heading}</h2>", html, StringComparison.Ordinal);
        }

        Assert.Contains("body { font-size: 12pt; }", html, StringComparison.Ordinal);
        Assert.Contains("body { font-size: 16pt;", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
