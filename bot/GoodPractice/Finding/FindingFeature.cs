using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;

namespace LearningBot.GoodPractice.Finding;

/// <summary>
/// Finding examples (anyone): "good practice about &lt;topic&gt;" lists up to five approved examples, searched the way the
/// one-stop shop searches its articles; "good practice" alone asks which topic. Any approved example can be shown in full
/// with the way to contact its authors. Drafts, examples awaiting an editor, declined and retired ones are never shown.
/// </summary>
public sealed class FindingFeature(GoodPracticeFinder finder, GoodPracticeStore store, FindingCards cards, TimeProvider clock) : IBotFeature
{
    public const int MaxResults = 5;

    /// <summary>Longer searches are cut here: a topic needs a few words.</summary>
    public const int MaxWords = 200;

    public const string NotShared = "That example is no longer shared. Type \"good practice about\" and a topic to find others.";

    public void MapRoutes(BotRoutes routes) =>
        routes
            .OnCommandWithArgument(async (turn, argument) => await turn.SendCardAsync(await CardForAsync(argument, turn.Aborted)), FindingVerbs.Commands)
            .OnCardAction(FindingVerbs.Find, FindAsync)
            .OnCardAction(FindingVerbs.Show, (turn, action) => WithApprovedAsync(turn, action, example => CardActionResult.Replace(cards.Example(example, action.GetString("words") ?? string.Empty))))
            .OnCardAction(FindingVerbs.ContactAuthor, (turn, action) => WithApprovedAsync(turn, action, example => CardActionResult.Message(FindingCards.ContactText(example))));

    /// <summary>The results for what was typed after the command, or the question which topic when nothing was.</summary>
    public async Task<JsonObject> CardForAsync(string typed, CancellationToken cancellationToken)
    {
        var scrubbed = PersonalDataScrubber.Scrub(typed.Length > MaxWords ? typed[..MaxWords] : typed, UkTime.Today(clock), ScrubMarking.Plain);
        var words = scrubbed.Text.Replace(PersonalDataScrubber.Marker, " ", StringComparison.Ordinal).Trim();
        if (words.Length == 0)
        {
            return cards.AskTopic();
        }

        var found = await finder.SearchAsync(words, MaxResults, cancellationToken);
        return cards.Results(scrubbed.Text.Trim(), [.. found.Matches.Select(match => match.Example)]);
    }

    /// <summary>A topic chosen on the card (checked against the list), or the words a Back button carries.</summary>
    private async Task<CardActionResult> FindAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("words") is { Length: > 0 } words)
        {
            return CardActionResult.Replace(await CardForAsync(words, turn.Aborted));
        }

        var topic = action.GetString(PracticeResultsCardData.TopicInput) ?? string.Empty;
        var unknown = topic.Length > 0 && GoodPracticeChoices.Topics.All(choice => choice.Value != topic)
            ? [new CardInputProblem(PracticeResultsCardData.TopicInput, "Not one of the topics.", "Please choose a topic from the list.")]
            : Array.Empty<CardInputProblem>();
        if (CardSubmission.Refusal(cards.AskTopic(), action.Submitted(), alsoWrong: unknown) is { } refusal)
        {
            return refusal;
        }

        return CardActionResult.Replace(await CardForAsync(GoodPracticeChoices.Topics.First(choice => choice.Value == topic).Title, turn.Aborted));
    }

    private async Task<CardActionResult> WithApprovedAsync(ITurnContext turn, CardActionRequest action, Func<GoodPracticeExample, CardActionResult> answer)
    {
        var example = action.GetString("exampleId") is { Length: > 0 } id ? await store.FindAsync(id, turn.Aborted) : null;
        return example is { Status: ExampleStatus.Approved } ? answer(example) : CardActionResult.Message(NotShared);
    }
}
