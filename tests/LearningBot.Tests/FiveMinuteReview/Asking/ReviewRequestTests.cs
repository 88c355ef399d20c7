using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview.Asking;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview.Asking;

/// <summary>A person asks their manager for a review; the manager starts it from the card they are sent.</summary>
public sealed class ReviewRequestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartWithChatsAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_person_who_asks_sends_their_manager_a_card_whose_Start_opens_step_1_with_their_view_on_step_2()
    {
        var managerCardsBefore = _h.CardsCountSentTo(ReviewHarness.Manager);

        var answer = await _h.AskForReviewAsync(_h.Tom, new JsonObject
        {
            ["reason"] = RequestReasons.Objectives,
            ["reasonWords"] = "The new activity timetable",
            ["ownView"] = "Things are going well; weekends are hard.",
        });

        Assert.Contains("I've sent your request to Priya Shah", CardJson.Texts(answer), StringComparison.Ordinal);
        Assert.False(CardJson.HasId(answer, "reason"));
        Assert.Equal(managerCardsBefore + 1, _h.CardsCountSentTo(ReviewHarness.Manager));
        var note = _h.LastCardSentTo(ReviewHarness.Manager);
        var noteText = CardJson.Texts(note);
        Assert.Contains("Tom Okafor would like a Five Minute Review", noteText, StringComparison.Ordinal);
        Assert.Contains("I'd like to talk about my objectives", noteText, StringComparison.Ordinal);
        Assert.Contains("The new activity timetable", noteText, StringComparison.Ordinal);
        Assert.DoesNotContain("weekends are hard", noteText, StringComparison.Ordinal);

        var step1 = await _h.NextAsync(note, "Start the review");
        Assert.Contains("Step 1 of 4", CardJson.Texts(step1), StringComparison.Ordinal);
        var step2 = await _h.NextAsync(step1, "Save and continue", new JsonObject { ["wentWell"] = "Clear, calm handovers." });
        Assert.Contains("Things are going well; weekends are hard.", CardJson.Texts(step2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_within_a_few_days_sends_nothing_and_says_so()
    {
        var before = _h.CardsCountSentTo(ReviewHarness.Manager);
        await _h.SayAsync(_h.Tom, "ask for a review");
        var form = _h.LastCardSentTo(_h.Tom);
        var inputs = new JsonObject { ["reason"] = RequestReasons.AWhile };
        await _h.PressOnCardAsync(_h.Tom, form, "Send my request", inputs);

        var pressedAgain = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Tom, form, "Send my request", inputs));
        await _h.SayAsync(_h.Tom, "I'd like a review");
        var typedAgain = _h.LastCardSentTo(_h.Tom);

        Assert.Contains("so I haven't sent it again", CardJson.Texts(pressedAgain), StringComparison.Ordinal);
        Assert.Contains("so I haven't sent it again", CardJson.Texts(typedAgain), StringComparison.Ordinal);
        Assert.Equal(before + 1, _h.CardsCountSentTo(ReviewHarness.Manager));

        _h.Clock.Advance(TimeSpan.FromDays(4));
        var later = await _h.AskForReviewAsync(_h.Tom, inputs);
        Assert.Contains("I've sent your request", CardJson.Texts(later), StringComparison.Ordinal);
        Assert.Equal(before + 2, _h.CardsCountSentTo(ReviewHarness.Manager));
    }

    [Fact]
    public async Task A_person_with_no_manager_in_the_directory_is_told_who_to_talk_to()
    {
        var loner = TestPerson.Unique("sam", "Sam Patel");
        _h.People.Add(loner.AadObjectId, loner.Name, managerId: null);

        await _h.SayAsync(loner, "I'd like a review");

        var text = Assert.Single(_h.TextsSentTo(loner));
        Assert.Equal(ReviewRequestFeature.NoManager, text);
    }

    [Fact]
    public async Task What_the_person_writes_comes_back_scrubbed_and_is_sent_only_when_they_press_again()
    {
        var before = _h.CardsCountSentTo(ReviewHarness.Manager);
        var back = await _h.AskForReviewAsync(_h.Grace, new JsonObject
        {
            ["reason"] = RequestReasons.SomethingElse,
            ["reasonWords"] = "About a resident, NHS 943 476 5919",
        });

        Assert.Contains("I removed an NHS number", CardJson.Texts(back), StringComparison.Ordinal);
        Assert.Equal(before, _h.CardsCountSentTo(ReviewHarness.Manager));
        var words = CardJson.ById(back, "reasonWords")["value"]!.GetValue<string>();
        Assert.Contains("[NHS number removed]", words, StringComparison.Ordinal);

        var sent = CardJson.FromInvoke(await _h.PressOnCardAsync(_h.Grace, back, "Send my request",
            new JsonObject { ["reason"] = RequestReasons.SomethingElse, ["reasonWords"] = words }));

        Assert.Contains("I've sent your request", CardJson.Texts(sent), StringComparison.Ordinal);
        var note = CardJson.Texts(_h.LastCardSentTo(ReviewHarness.Manager));
        Assert.Contains("NHS number removed", note, StringComparison.Ordinal);
        Assert.DoesNotContain("943 476 5919", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_Start_the_review_from_someone_who_does_not_manage_the_person()
    {
        var answer = await _h.PressAsync(ReviewHarness.Outsider, AskingVerbs.StartRequested, new JsonObject { ["personId"] = _h.Tom.AadObjectId });

        Assert.Contains("only the manager who runs a review", CardJson.MessageFromInvoke(answer), StringComparison.Ordinal);
        Assert.Null(await _h.Store.GetDraftAsync(ReviewHarness.Outsider.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None));
    }
}
