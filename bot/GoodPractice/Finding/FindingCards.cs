using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.FeedbackSignals;

namespace LearningBot.GoodPractice.Finding;

/// <summary>Renders the cards for finding examples: the results, one example in full, and the editors' list of suggested compliments.</summary>
public sealed class FindingCards(CardCatalog cards)
{
    /// <summary>Longer problems and results are cut in a list; the whole example shows them in full.</summary>
    public const int ListTextLimit = 300;

    public const string AskTopicText = "What would you like examples of? Choose a topic, or type good practice about and a few words, for example \"good practice about falls\".";

    public JsonObject AskTopic() =>
        cards.Render(new PracticeResultsCardData("Examples of good practice", AskTopicText, string.Empty, string.Empty) { AskTopic = true });

    public JsonObject Results(string words, IReadOnlyList<GoodPracticeExample> examples)
    {
        var searched = CardText.Literal(words);
        return examples.Count == 0
            ? cards.Render(new PracticeResultsCardData(
                "No examples found",
                $"I couldn't find any approved examples of good practice about \"{searched}\" yet. If you have one, please share it: colleagues elsewhere could use it.",
                searched, words) { NoMatch = true })
            : cards.Render(new PracticeResultsCardData(
                "Examples of good practice",
                examples.Count == 1 ? $"One example about \"{searched}\":" : $"{examples.Count} examples about \"{searched}\", the closest first:",
                searched, words) { Items = [.. examples.Select(Item)] });
    }

    public JsonObject Example(GoodPracticeExample example, string words = "")
    {
#pragma warning disable LB0001 // Showing an approved example's stored (scrubbed) answers.
        List<ExampleFact> facts =
        [
            new("From", ExampleCredit.Line(example)),
            new("Kind of organisation", GoodPracticeChoices.OrganisationKinds.TitleOf(example.OrganisationKind)),
            new("Topics", TopicsOf(example)),
        ];
        if (example.ApprovedAt is { } approved)
        {
            facts.Add(new("Shared", UkTime.Local(approved).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (example.Link.Length > 0)
        {
            facts.Add(new("More about it", CardText.Literal(example.Link)));
        }

        var sections = new ExampleSection[]
        {
            new("The problem", CardText.Literal(example.Problem)),
            new("What we did and who was involved", CardText.Literal(example.WhatWeDid)),
            new("What changed", CardText.Literal(example.WhatChanged)),
            new("What we would do differently", CardText.Literal(example.DoDifferently)),
        }.Where(section => section.Text.Length > 0).ToList();
        return cards.Render(new PracticeExampleCardData(example.Id, CardText.Literal(example.Title), ExampleCredit.Line(example), words) { Facts = facts, Sections = sections });
#pragma warning restore LB0001
    }

    /// <summary>How to reach the people behind an example, as far as its attribution and contact choice allow.</summary>
    public static string ContactText(GoodPracticeExample example)
    {
#pragma warning disable LB0001 // The stored (scrubbed) title, organisation and role of an approved example.
        var title = CardText.Literal(example.Title);
        var organisation = CardText.Literal(example.OrganisationName);
        var role = example.ContactRole.Length > 0 ? $" Ask for {CardText.Literal(example.ContactRole)}." : string.Empty;
#pragma warning restore LB0001
        var selfContact = example.Contact == GoodPracticeChoices.ContactMe && !example.EnteredOnBehalf && organisation.Length > 0;
        return example.Attribution switch
        {
            Attributions.NameAndOrganisation when selfContact && example.ContributorName.Length > 0 =>
                $"{CardText.Literal(example.ContributorName)} at {organisation} is happy to be contacted about \"{title}\": find them in Teams and send them a chat.{role}",
            Attributions.OrganisationOnly when selfContact =>
                $"{organisation} is happy to talk about \"{title}\".{role} If you can't find the right person, the L&D Support Team will put you in touch.",
            _ => $"The L&D Support Team will put you in touch with the people behind \"{title}\": send them a message through Teams and mention the example's title.",
        };
    }

    public static string TopicsOf(GoodPracticeExample example) => string.Join(", ", example.TopicIds.Select(GoodPracticeChoices.Topics.TitleOf));

    public static string Shorten(string text) =>
        text.Length <= ListTextLimit ? text : string.Concat(text.AsSpan(0, text.LastIndexOf(' ', ListTextLimit) is var cut and > 0 ? cut : ListTextLimit), "…");

    private static PracticeResultItem Item(GoodPracticeExample example)
    {
#pragma warning disable LB0001 // Showing an approved example's stored (scrubbed) answers.
        return new(example.Id, CardText.Literal(example.Title), ExampleCredit.Line(example), CardText.Literal(Shorten(example.Problem)), CardText.Literal(Shorten(example.WhatChanged)), TopicsOf(example));
#pragma warning restore LB0001
    }
}
