using System.Text.Json.Nodes;
using LearningBot.FeedbackSignals;
using LearningBot.GoodPractice;
using LearningBot.GoodPractice.Finding;
using LearningBot.GoodPractice.Links;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.GoodPractice.Finding.FindingScenario;
using static LearningBot.Tests.GoodPractice.GoodPracticeHarness;

namespace LearningBot.Tests.GoodPractice.Links;

/// <summary>
/// The exchange's links to the rest, through the real pipeline: a suggested compliment turned into a draft example once,
/// approved examples as digest candidates, abandoned drafts deleted, and an entry on someone's behalf carried on with.
/// </summary>
public sealed class LinksTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private GoodPracticeHarness _hub = null!;

    public async Task InitializeAsync() => _hub = await GoodPracticeHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task An_editor_turns_a_suggested_compliment_into_one_draft_entered_on_behalf_of_the_support_team()
    {
        var signalId = await SuggestedComplimentAsync("The district nurse explained every new tablet and wrote it all down for us.");

        var list = await _hub.TypeAsync(Editor, "good practice suggestions");
        var draftButton = CardJson.Actions(list, FindingVerbs.DraftFromCompliment).Single(a => a["data"]!["signalId"]!.GetValue<string>() == signalId);
        var form = CardJson.FromInvoke(await _hub.PressVerbAsync(Editor, FindingVerbs.DraftFromCompliment, draftButton["data"]!.DeepClone().AsObject()));
        var again = CardJson.FromInvoke(await _hub.PressVerbAsync(Editor, FindingVerbs.DraftFromCompliment, new JsonObject { ["signalId"] = signalId }));

        var id = ExampleId(form);
        Assert.Equal(id, ExampleId(again));
        Assert.Equal(ComplimentDrafts.DraftIdOf(signalId), id);
        var draft = (await _hub.Examples.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((ExampleStatus.Draft, true, ComplimentDrafts.FromCompliment, "medicines", "acute-trust", Editor.AadObjectId),
            (draft.Status, draft.EnteredOnBehalf, draft.ReceivedBy, draft.Topics, draft.OrganisationKind, draft.ContributorKey));
#pragma warning disable LB0001 // Reading what was stored.
        Assert.Equal("The district nurse explained every new tablet and wrote it all down for us.", draft.WhatChanged);
        Assert.Equal("Medicines: Community nursing", draft.Title);
#pragma warning restore LB0001
        Assert.Contains("A draft example was started", CardJson.Texts(await _hub.TypeAsync(Editor, "good practice suggestions")), StringComparison.Ordinal);

        var otherEditor = CardJson.MessageFromInvoke(await _hub.PressVerbAsync(SecondEditor, FindingVerbs.DraftFromCompliment, new JsonObject { ["signalId"] = signalId }));
        Assert.Equal(SuggestionsFeature.AnotherEditor, otherEditor);
        var notEditor = CardJson.MessageFromInvoke(await _hub.PressVerbAsync(Contributor(), FindingVerbs.DraftFromCompliment, new JsonObject { ["signalId"] = signalId }));
        Assert.Equal(EditorFeature.OnlyEditors, notEditor);
    }

    [Fact]
    public async Task The_draft_from_a_compliment_is_completed_and_sent_through_the_usual_sharing_card()
    {
        var signalId = await SuggestedComplimentAsync("Staff took time to explain the new inhaler.");
        var story = CardJson.FromInvoke(await _hub.PressVerbAsync(Editor, FindingVerbs.DraftFromCompliment, new JsonObject { ["signalId"] = signalId }));

        var results = await _hub.NextAsync(Editor, story);
        var about = await _hub.NextAsync(Editor, results, new JsonObject { [ShareInputs.WhatChanged] = "Families said they understood the new inhalers." });
        var check = await _hub.NextAsync(Editor, about, new JsonObject { [ShareInputs.ReceivedBy] = ComplimentDrafts.FromCompliment, [ShareInputs.GivenBy] = "A compliment from PALS" });
        await _hub.PressAsync(Editor, check, GoodPracticeVerbs.Submit);

        var sent = (await _hub.Examples.FindAsync(ComplimentDrafts.DraftIdOf(signalId), CancellationToken.None))!;
        Assert.Equal((ExampleStatus.Submitted, true), (sent.Status, sent.EnteredOnBehalf));
        Assert.Contains("from a compliment in feedback signals", CardJson.Texts(await _hub.PostedCardAsync(sent.Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_candidates_are_the_examples_approved_since_a_date_newest_first()
    {
        var before = await ApprovedAsync(_hub, Passport with { Title = "Approved before the digest's date" });
        _hub.Clock.Advance(TimeSpan.FromDays(3));
        var since = _hub.Clock.GetUtcNow();
        var older = await ApprovedAsync(_hub, Passport with { Title = "Approved first after the date", Attribution = Attributions.Anonymous, Organisation = "Quiet Lane Care" });
        _hub.Clock.Advance(TimeSpan.FromHours(2));
        var newer = await ApprovedAsync(_hub, Passport with { Title = "Approved second after the date" });
        var waiting = await SubmittedAsync(_hub, Passport with { Title = "Still with the editors" });

        var candidates = await _hub.Bot.Services.GetRequiredService<GoodPracticeDigestCandidates>().ListSinceAsync(since);

        var ids = candidates.Select(candidate => candidate.ExampleId).ToList();
        Assert.True(ids.IndexOf(newer) >= 0 && ids.IndexOf(newer) < ids.IndexOf(older), string.Join(", ", ids));
        Assert.DoesNotContain(before, ids);
        Assert.DoesNotContain(waiting, ids);
        var anonymous = candidates.Single(candidate => candidate.ExampleId == older);
        Assert.Equal(("Approved first after the date", "Shared anonymously (Acute hospital trust)", FindingVerbs.Show), (anonymous.Title, anonymous.From, anonymous.ShowVerb));
        Assert.Equal(["Moving and handling"], anonymous.Topics);
        Assert.StartsWith("Repeat training fell", anonymous.Summary, StringComparison.Ordinal);
        Assert.All(candidates, candidate => Assert.True(candidate.ApprovedAt >= since));
    }

    [Fact]
    public async Task Abandoned_drafts_are_deleted_and_examples_that_were_sent_are_left_alone()
    {
        var kim = Contributor();
        var abandoned = ExampleId(await DraftAsync(_hub, Passport, kim));
        var sent = await SubmittedAsync(_hub, Passport);
        var approved = await ApprovedAsync(_hub, Passport);
        var sentBack = await SubmittedAsync(_hub, Passport);
        var form = await _hub.PressTitledAsync(Editor, await _hub.PostedCardAsync(sentBack), "Ask for changes");
        await _hub.PressAsync(Editor, form, GoodPracticeVerbs.RequestChanges, new JsonObject { [ShareInputs.Note] = "Please add how many providers took part." });

        _hub.Clock.Advance(TimeSpan.FromDays(61));
        var recent = ExampleId(await DraftAsync(_hub, Passport, Contributor()));
        var toldBefore = _hub.CardsSentTo(kim).Count;
        await _hub.Bot.Services.GetRequiredService<AbandonedDraftCleanup>().RunOnceAsync(CancellationToken.None);

        Assert.Null(await _hub.Examples.FindAsync(abandoned, CancellationToken.None));
        foreach (var kept in new[] { sent, approved, sentBack, recent })
        {
            Assert.NotNull(await _hub.Examples.FindAsync(kept, CancellationToken.None));
        }

        Assert.Equal(toldBefore, _hub.CardsSentTo(kim).Count);
    }

    [Fact]
    public async Task A_support_team_member_carries_on_with_an_entry_on_behalf_or_starts_a_new_one()
    {
        var first = await _hub.TypeAsync(SupportTeam, "enter an example");
        var started = ExampleId(first);

        var offer = await _hub.TypeAsync(SupportTeam, "enter an example");
        Assert.Contains("Carry on with your draft", CardJson.Texts(offer), StringComparison.Ordinal);
        var resumed = await _hub.PressAsync(SupportTeam, offer, GoodPracticeVerbs.Resume);
        Assert.Equal(started, ExampleId(resumed));
        var fresh = await _hub.PressAsync(SupportTeam, offer, GoodPracticeVerbs.Enter);

        Assert.NotEqual(started, ExampleId(fresh));
        Assert.True((await _hub.Examples.FindAsync(ExampleId(fresh), CancellationToken.None))!.EnteredOnBehalf);
    }

    /// <summary>A lead suggested an accepted compliment about medicines in community nursing at an acute trust; its signal id.</summary>
    private async Task<string> SuggestedComplimentAsync(string note)
    {
        var id = "sig-" + Guid.NewGuid().ToString("N")[..12];
#pragma warning disable LB0001 // A compliment as a moderator accepted it, scrubbed.
        var signal = new FeedbackSignal
        {
            RowKey = id,
            Id = id,
            Theme = "medicines",
            ServiceArea = "community-nursing",
            OrganisationKind = "acute-trust",
            Source = "pals",
            MonthLogged = "2026-11",
            Note = PersonalDataScrubber.Scrub(note, new DateOnly(2026, 12, 2)).Text,
        };
#pragma warning restore LB0001
        Assert.True(await _hub.Bot.Services.GetRequiredService<GoodPracticeSuggestions>().SuggestAsync(signal, "lead-key", CancellationToken.None));
        return id;
    }
}
