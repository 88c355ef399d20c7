using System.Text.Json.Nodes;
using LearningBot.GoodPractice;
using LearningBot.Tests.Support;
using static LearningBot.Tests.GoodPractice.GoodPracticeHarness;

namespace LearningBot.Tests.GoodPractice;

/// <summary>
/// Sharing an example through the real pipeline: the steps from the welcome card with presses counted, drafts that
/// resume, scrubbing shown to the contributor, checks on every answer, sending once, and entry on someone's behalf.
/// </summary>
public sealed class SharingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private GoodPracticeHarness _hub = null!;

    public async Task InitializeAsync() => _hub = await GoodPracticeHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_contributor_shares_an_example_from_the_welcome_card_in_five_presses()
    {
        var kim = Contributor();
        var welcome = await _hub.TypeAsync(kim, "help");

        var card = await _hub.PressAsync(kim, welcome, GoodPracticeVerbs.Share);
        Assert.Contains("Step 1 of 4", CardJson.Texts(card), StringComparison.Ordinal);
        card = await _hub.NextAsync(kim, card);
        Assert.Contains("What didn't work is just as useful", CardJson.Texts(card), StringComparison.Ordinal);
        card = await _hub.NextAsync(kim, card);
        var check = await _hub.NextAsync(kim, card);
        var sent = await _hub.PressAsync(kim, check, GoodPracticeVerbs.Submit);

        Assert.Equal(5, _hub.Presses);
        Assert.Contains("Medicines, Handover between organisations", CardJson.Texts(check), StringComparison.Ordinal);
        Assert.Contains("with the good-practice editors", CardJson.Texts(sent), StringComparison.Ordinal);
        var example = (await _hub.Examples.FindAsync(ExampleId(check), CancellationToken.None))!;
        Assert.Equal(
            (ExampleStatus.Submitted, kim.AadObjectId, "acute-trust", "medicines,handover-between-organisations", true, Attributions.OrganisationOnly, false, 1),
            (example.Status, example.ContributorKey, example.OrganisationKind, example.Topics, example.OrganisationConsents, example.Attribution, example.EnteredOnBehalf, example.Submissions));
        var posted = await _hub.PostedCardAsync(example.Id, "Awaiting an editor");
        Assert.Contains("Our first long form did not work", CardJson.Texts(posted), StringComparison.Ordinal);
        Assert.DoesNotContain("Kim Hart", CardJson.Texts(posted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_saved_at_a_step_resumes_with_share_on_another_device()
    {
        var kim = Contributor();
        var first = await _hub.TypeAsync(kim, "share");
        await _hub.NextAsync(kim, first);

        var resume = await _hub.TypeAsync(kim with { ChatId = "a:" + Guid.NewGuid().ToString("N") }, "share");
        Assert.Equal([GoodPracticeVerbs.Resume, GoodPracticeVerbs.New], CardJson.Verbs(resume));
        Assert.Contains("medicines summary at discharge", CardJson.Texts(resume), StringComparison.Ordinal);

        var carried = await _hub.PressAsync(kim, resume, GoodPracticeVerbs.Resume);
        Assert.Equal(SharingSteps.Results, StepOf(carried));
        var story = await _hub.PressAsync(kim, carried, GoodPracticeVerbs.GoTo);
        Assert.Equal("A one-page medicines summary at discharge", CardJson.ById(story, ShareInputs.Title)["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Identifiers_are_scrubbed_before_saving_and_the_contributor_is_shown_what_was_removed()
    {
        var kim = Contributor();
        var card = await _hub.TypeAsync(kim, "share");

        var back = await _hub.NextAsync(kim, card, new JsonObject { [ShareInputs.WhatWeDid] = "Call the ward on 07700 900123 and ask for the pharmacist." });

        Assert.Equal(SharingSteps.Story, StepOf(back));
        Assert.Contains("phone number", CardJson.Texts(CardJson.ById(back, "removed-note")), StringComparison.Ordinal);
        var stored = (await _hub.Examples.FindAsync(ExampleId(back), CancellationToken.None))!;
#pragma warning disable LB0001 // Reading what was stored, to check it was scrubbed.
        Assert.DoesNotContain("07700", stored.WhatWeDid, StringComparison.Ordinal);
#pragma warning restore LB0001
        var shown = CardJson.ById(back, ShareInputs.WhatWeDid)["value"]!.GetValue<string>();
        Assert.DoesNotContain("07700", shown, StringComparison.Ordinal);

        var next = await _hub.NextAsync(kim, back, new JsonObject { [ShareInputs.WhatWeDid] = shown });
        Assert.Equal(SharingSteps.Results, StepOf(next));
    }

    [Fact]
    public async Task Rejects_answers_the_lists_do_not_offer_and_a_missing_consent_and_saves_nothing()
    {
        var kim = Contributor();
        var card = await _hub.NextAsync(kim, await _hub.NextAsync(kim, await _hub.TypeAsync(kim, "share")));
        var version = (await _hub.Examples.FindAsync(ExampleId(card), CancellationToken.None))!.Version;

        var refused = await _hub.NextAsync(kim, card, new JsonObject { [ShareInputs.Topics] = "not-a-topic", [ShareInputs.Consent] = "false" });

        Assert.Equal(SharingSteps.About, StepOf(refused));
        var texts = CardJson.Texts(refused);
        Assert.Contains("Please choose at least one topic.", texts, StringComparison.Ordinal);
        Assert.Contains("we can only share it when they are happy for us to", texts, StringComparison.Ordinal);
        Assert.Equal(version, (await _hub.Examples.FindAsync(ExampleId(card), CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task Pressing_send_twice_sends_the_example_once()
    {
        var kim = Contributor();
        var check = await _hub.FillInAsync(kim);

        await _hub.PressAsync(kim, check, GoodPracticeVerbs.Submit);
        var again = await _hub.PressAsync(kim, check, GoodPracticeVerbs.Submit);

        Assert.Contains("with the good-practice editors", CardJson.Texts(again), StringComparison.Ordinal);
        var example = (await _hub.Examples.FindAsync(ExampleId(check), CancellationToken.None))!;
        Assert.Equal(1, example.Submissions);
        await _hub.PostedCardAsync(example.Id);
        Assert.Equal(1, _hub.ChannelPostsAbout(example.Id));
    }

    [Theory]
    [InlineData("x/y\\z#w?v")]
    [InlineData("outbox|made-by-a-card")]
    [InlineData("an-id-the-card-chose")]
    public async Task A_first_save_under_an_id_the_bot_did_not_make_stores_nothing(string id)
    {
        var kim = Contributor();
        var data = Answers(SharingSteps.Story);
        data["exampleId"] = id;
        data["version"] = 0;
        data["step"] = SharingSteps.Story;

        var answer = await _hub.PressVerbAsync(kim, GoodPracticeVerbs.Next, data);

        Assert.Equal(GoodPracticeSharing.Gone, CardJson.MessageFromInvoke(answer));
        Assert.Null(await _hub.Examples.FindAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Someone_else_cannot_change_or_send_a_contributors_draft()
    {
        var kim = Contributor();
        var check = await _hub.FillInAsync(kim);
        var other = Contributor();

        var answer = await _hub.PressForAnswerAsync(other, check, GoodPracticeVerbs.Submit);

        Assert.Equal(GoodPracticeSharing.NotYours, CardJson.MessageFromInvoke(answer));
        Assert.Equal(ExampleStatus.Draft, (await _hub.Examples.FindAsync(ExampleId(check), CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task The_LD_Support_Team_enters_an_example_on_someones_behalf_recorded_as_such()
    {
        var card = await _hub.TypeAsync(SupportTeam, "enter an example");
        Assert.Contains("on someone's behalf", CardJson.Texts(card), StringComparison.Ordinal);
        card = await _hub.NextAsync(SupportTeam, card);
        card = await _hub.NextAsync(SupportTeam, card);
        Assert.True(CardJson.HasId(card, ShareInputs.ReceivedBy));
        var check = await _hub.NextAsync(SupportTeam, card, new JsonObject { [ShareInputs.ReceivedBy] = "phone", [ShareInputs.GivenBy] = "Hillside Care Home" });
        await _hub.PressAsync(SupportTeam, check, GoodPracticeVerbs.Submit);

        var example = (await _hub.Examples.FindAsync(ExampleId(check), CancellationToken.None))!;
        Assert.Equal((true, "phone", ExampleStatus.Submitted), (example.EnteredOnBehalf, example.ReceivedBy, example.Status));
        var posted = await _hub.PostedCardAsync(example.Id);
        Assert.Contains("The L&D Support Team, by phone", CardJson.Texts(posted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entering_an_example_on_someones_behalf_is_refused_to_everyone_else()
    {
        var kim = Contributor();

        var answer = await _hub.TypeForTextAsync(kim, "enter an example");

        Assert.Equal(SharingFeature.OnlySupportTeam, answer);
        Assert.Null(await _hub.Examples.DraftOfAsync(kim.AadObjectId, onBehalf: true, CancellationToken.None));
    }
}
