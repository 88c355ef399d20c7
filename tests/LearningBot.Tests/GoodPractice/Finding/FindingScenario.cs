using System.Text.Json.Nodes;
using LearningBot.GoodPractice;
using LearningBot.GoodPractice.Finding;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.GoodPractice.Finding;

/// <summary>Examples shared through the sharing card with the story and topics a test needs, and what the finding cards show.</summary>
internal static class FindingScenario
{
    public sealed record Story(string Title, string Problem, string WhatWeDid, string WhatChanged, string Topics)
    {
        public string Attribution { get; init; } = Attributions.OrganisationOnly;

        public string Organisation { get; init; } = "Riverside Community Trust";
    }

    public static readonly Story Passport = new(
        "A moving and handling passport across the council and care providers",
        "Care workers repeated the same moving and handling training every time they changed employer, and providers did not trust each other's certificates.",
        "The council and six care providers agreed one practical assessment and a passport that every provider recognises.",
        "Repeat training fell from 2 days to none for 140 care workers who moved employer in a year.",
        "moving-and-handling");

    /// <summary>Shares <paramref name="story"/> as a new contributor and sends it to the editors; its id.</summary>
    public static async Task<string> SubmittedAsync(GoodPracticeHarness hub, Story story, TestPerson? person = null)
    {
        person ??= GoodPracticeHarness.Contributor();
        var card = await DraftAsync(hub, story, person);
        await hub.PressAsync(person, card, GoodPracticeVerbs.Submit);
        return GoodPracticeHarness.ExampleId(card);
    }

    /// <summary>Fills in every step without sending: the check card.</summary>
    public static async Task<JsonObject> DraftAsync(GoodPracticeHarness hub, Story story, TestPerson person)
    {
        var card = await hub.TypeAsync(person, "share");
        card = await hub.NextAsync(person, card, new JsonObject
        {
            [ShareInputs.Title] = story.Title, [ShareInputs.Problem] = story.Problem, [ShareInputs.WhatWeDid] = story.WhatWeDid,
        });
        card = await hub.NextAsync(person, card, new JsonObject { [ShareInputs.WhatChanged] = story.WhatChanged });
        return await hub.NextAsync(person, card, new JsonObject
        {
            [ShareInputs.Topics] = story.Topics, [ShareInputs.Attribution] = story.Attribution, [ShareInputs.OrganisationName] = story.Organisation,
        });
    }

    /// <summary>Shares and an editor approves it; its id.</summary>
    public static async Task<string> ApprovedAsync(GoodPracticeHarness hub, Story story, TestPerson? person = null)
    {
        var id = await SubmittedAsync(hub, story, person);
        await hub.PressAsync(GoodPracticeHarness.Editor, await hub.PostedCardAsync(id), GoodPracticeVerbs.Approve);
        return id;
    }

    /// <summary>The examples a card offers to show, in order.</summary>
    public static IReadOnlyList<string> Shown(JsonObject card) =>
        [.. CardJson.Actions(card, FindingVerbs.Show).Select(action => action["data"]!["exampleId"]!.GetValue<string>())];

    /// <summary>Moves the clock past the search index's refresh interval, as the next minute of a running bot does.</summary>
    public static void NextMinutes(GoodPracticeHarness hub) => hub.Clock.Advance(TimeSpan.FromMinutes(2));
}
