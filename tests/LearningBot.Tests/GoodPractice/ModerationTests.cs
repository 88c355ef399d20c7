using System.Text.Json.Nodes;
using LearningBot.GoodPractice;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.GoodPractice.GoodPracticeHarness;

namespace LearningBot.Tests.GoodPractice;

/// <summary>
/// The good-practice editors' moderation through the real pipeline: who may decide, changes asked for and made, declines
/// that stay declined, two editors at once, and review dates.
/// </summary>
public sealed class ModerationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private GoodPracticeHarness _hub = null!;

    public async Task InitializeAsync() => _hub = await GoodPracticeHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Someone_who_is_not_an_editor_cannot_approve()
    {
        var kim = Contributor();
        var id = await _hub.ShareAsync(kim);
        var card = await _hub.PostedCardAsync(id);

        var answer = await _hub.PressForAnswerAsync(kim, card, GoodPracticeVerbs.Approve);

        Assert.Equal(EditorFeature.OnlyEditors, CardJson.MessageFromInvoke(answer));
        Assert.Equal(ExampleStatus.Submitted, (await _hub.Examples.FindAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_editor_asks_for_changes_the_contributor_edits_and_sends_again_and_it_is_approved()
    {
        var kim = Contributor();
        var id = await _hub.ShareAsync(kim);
        var form = await _hub.PressTitledAsync(Editor, await _hub.PostedCardAsync(id), "Ask for changes");

        var sentBack = await _hub.PressAsync(Editor, form, GoodPracticeVerbs.RequestChanges, new JsonObject { [ShareInputs.Note] = "Please say how many discharges the figures cover." });

        Assert.Contains("Changes asked for", CardJson.Texts(sentBack), StringComparison.Ordinal);
        JsonObject? told = null;
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult((told = _hub.CardsSentTo(kim).LastOrDefault(c => CardJson.Verbs(c).Contains(GoodPracticeVerbs.Resume))) is not null)));
        Assert.Contains("how many discharges", CardJson.Texts(told), StringComparison.Ordinal);

        var check = await _hub.PressAsync(kim, told!, GoodPracticeVerbs.Resume);
        Assert.Contains("how many discharges", CardJson.Texts(CardJson.ById(check, "editor-comment")), StringComparison.Ordinal);
        var results = await _hub.PressTitledAsync(kim, check, "Change what changed");
        var about = await _hub.NextAsync(kim, results, new JsonObject { [ShareInputs.WhatChanged] = "Wrong doses fell from 14 in 60 discharges to 3 in 60, over six months." });
        check = await _hub.NextAsync(kim, about);
        await _hub.PressAsync(kim, check, GoodPracticeVerbs.Submit);

        var resubmitted = await _hub.PostedCardAsync(id, "Sent again with the changes asked for");
        Assert.Equal(1, _hub.ChannelPostsAbout(id));
        var approved = await _hub.PressAsync(SecondEditor, resubmitted, GoodPracticeVerbs.Approve);

        Assert.Contains("Review date 2 December 2028", CardJson.Texts(approved), StringComparison.Ordinal);
        var example = (await _hub.Examples.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((ExampleStatus.Approved, 2, SecondEditor.AadObjectId), (example.Status, example.Submissions, example.DecidedBy));
#pragma warning disable LB0001 // Reading what was stored.
        Assert.Contains("over six months", example.WhatChanged, StringComparison.Ordinal);
#pragma warning restore LB0001
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(_hub.CardsSentTo(kim).Any(c => CardJson.Texts(c).Contains("has been approved", StringComparison.Ordinal)))));
    }

    [Fact]
    public async Task A_declined_example_is_never_approved_later()
    {
        var kim = Contributor();
        var id = await _hub.ShareAsync(kim);
        var card = await _hub.PostedCardAsync(id);
        var form = await _hub.PressTitledAsync(Editor, card, "Decline");

        await _hub.PressAsync(Editor, form, GoodPracticeVerbs.Decline, new JsonObject { [ShareInputs.Note] = "This is a product advert rather than practice." });
        var stale = await _hub.PressAsync(SecondEditor, card, GoodPracticeVerbs.Approve);

        Assert.Contains(GoodPracticeModeration.AlreadyDecided, CardJson.Texts(stale), StringComparison.Ordinal);
        Assert.Contains("Declined by an editor", CardJson.Texts(stale), StringComparison.Ordinal);
        Assert.Empty(CardJson.Verbs(await _hub.PostedCardAsync(id, "Declined by an editor")));
        var example = (await _hub.Examples.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((ExampleStatus.Declined, Editor.AadObjectId), (example.Status, example.DecidedBy));
        var resent = await _hub.PressVerbAsync(kim, GoodPracticeVerbs.Submit, new JsonObject { ["exampleId"] = id, ["version"] = example.Version });
        Assert.Equal(ExampleStatus.Declined, (await _hub.Examples.FindAsync(id, CancellationToken.None))!.Status);
        Assert.DoesNotContain(GoodPracticeVerbs.Approve, resent.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_editors_approving_at_once_decide_once()
    {
        var kim = Contributor();
        var id = await _hub.ShareAsync(kim);
        var card = await _hub.PostedCardAsync(id);

        var answers = await Task.WhenAll(_hub.PressAsync(Editor, card, GoodPracticeVerbs.Approve), _hub.PressAsync(SecondEditor, card, GoodPracticeVerbs.Approve));

        Assert.Single(answers, answer => CardJson.Texts(answer).Contains(GoodPracticeModeration.AlreadyDecided, StringComparison.Ordinal));
        var example = (await _hub.Examples.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(ExampleStatus.Approved, example.Status);
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(_hub.CardsSentTo(kim).Any(c => CardJson.Texts(c).Contains("has been approved", StringComparison.Ordinal)))));
        Assert.Single(_hub.CardsSentTo(kim), c => CardJson.Texts(c).Contains("has been approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_example_approved_just_after_midnight_in_british_summer_time_is_reviewed_from_that_uk_day()
    {
        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June in London.
        _hub.Clock.Now = new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero);
        var kim = Contributor();
        var id = await _hub.ShareAsync(kim);

        var approved = await _hub.PressAsync(Editor, await _hub.PostedCardAsync(id), GoodPracticeVerbs.Approve);

        Assert.Contains("Review date 16 June 2028", CardJson.Texts(approved), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editors_are_told_of_a_review_date_from_midnight_in_london_in_british_summer_time()
    {
        _hub.Clock.Now = new DateTimeOffset(2024, 6, 16, 12, 0, 0, TimeSpan.Zero);
        var id = await _hub.ShareAsync(Contributor());
        await _hub.PressAsync(Editor, await _hub.PostedCardAsync(id), GoodPracticeVerbs.Approve);

        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June, the review date, in London.
        _hub.Clock.Now = new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero);
        await _hub.Bot.Services.GetRequiredService<ReviewDateCheck>().RunOnceAsync(CancellationToken.None);

        var example = (await _hub.Examples.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(new DateTimeOffset(2026, 6, 16, 0, 0, 0, TimeSpan.Zero), example.ReviewDue);
        Assert.Equal(example.ReviewDue, example.ReviewNoticeFor);
        await _hub.PostedCardAsync(id, "has come: keep it or retire it");
    }

    [Fact]
    public async Task The_editors_are_told_once_when_a_review_date_comes_and_can_keep_the_example()
    {
        var kim = Contributor();
        var id = await _hub.ShareAsync(kim);
        await _hub.PressAsync(Editor, await _hub.PostedCardAsync(id), GoodPracticeVerbs.Approve);
        var check = _hub.Bot.Services.GetRequiredService<ReviewDateCheck>();

        _hub.Clock.Advance(TimeSpan.FromDays(731));
        var told = await check.RunOnceAsync(CancellationToken.None);
        var again = await check.RunOnceAsync(CancellationToken.None);

        Assert.True(told >= 1);
        Assert.Equal(0, again);
        var due = await _hub.PostedCardAsync(id, "has come: keep it or retire it");
        Assert.Equal(2, _hub.ChannelPostsAbout(id));
        Assert.Equal([GoodPracticeVerbs.Keep, GoodPracticeVerbs.Moderate], CardJson.Verbs(due));

        var refused = await _hub.PressForAnswerAsync(kim, due, GoodPracticeVerbs.Keep);
        Assert.Equal(EditorFeature.OnlyEditors, CardJson.MessageFromInvoke(refused));
        var kept = await _hub.PressAsync(Editor, due, GoodPracticeVerbs.Keep);

        Assert.Contains("Review date 2 December 2030", CardJson.Texts(kept), StringComparison.Ordinal);
        Assert.Equal(0, await check.RunOnceAsync(CancellationToken.None));
    }
}
