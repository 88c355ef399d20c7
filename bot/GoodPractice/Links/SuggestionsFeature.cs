using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.FeedbackSignals;
using LearningBot.GoodPractice.Finding;
using LearningBot.Leads;

namespace LearningBot.GoodPractice.Links;

/// <summary>
/// The good-practice editors' list of compliments leads suggested for the exchange (<c>good practice suggestions</c>), each
/// with "Draft an example": the draft, entered on behalf of the L&amp;D Support Team, opens in the sharing card
/// for the editor to complete and send. <see cref="Roles.GoodPracticeEditor"/> only.
/// </summary>
public sealed class SuggestionsFeature(ComplimentDrafts drafts, GoodPracticeCards sharingCards, CardCatalog cards) : IBotFeature
{
    public const string AnotherEditor =
        "Another good-practice editor has already started an example from this compliment. Ask them to finish it, or to send it to the editors as it is.";

    public const string Gone = "I can't find that suggestion any more.";

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.GoodPracticeEditor, EditorFeature.OnlyEditors)
            .OnCommand(async turn => await turn.SendCardAsync(await ListCardAsync(turn.Aborted)), "good practice suggestions", "suggested compliments")
            .OnCardAction(FindingVerbs.DraftFromCompliment, DraftAsync);

    private async Task<CardActionResult> DraftAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.Caller.PersonKey ?? "unknown";
        var draft = action.GetString("signalId") is { Length: > 0 } signalId
            ? await drafts.DraftAsync(signalId, caller, turn.Caller.Name ?? string.Empty, turn.Aborted)
            : null;
        return draft switch
        {
            null => CardActionResult.Message(Gone),
            _ when draft.ContributorKey != caller => CardActionResult.Message(AnotherEditor),
            { IsEditable: false } => CardActionResult.Replace(sharingCards.Submitted(draft)),
            _ => CardActionResult.Replace(sharingCards.Form(draft, draft.Step)),
        };
    }

    private async Task<JsonObject> ListCardAsync(CancellationToken cancellationToken)
    {
        var listed = await drafts.ListAsync(cancellationToken);
        var text = listed.Count == 0
            ? "No compliments have been suggested for the good-practice exchange in the last 90 days."
            : $"Compliments leads suggested in the last 90 days, newest first{(listed.Count == ComplimentDrafts.MaxListed ? " (the latest 10)" : string.Empty)}. A draft is entered on behalf of the L&D Support Team: complete it and send it to the editors as usual.";
#pragma warning disable LB0001 // The suggestion's wording was stored scrubbed and a moderator accepted it; the editors see it.
        return cards.Render(new PracticeSuggestionsCardData(text)
        {
            Items = [.. listed.Select(item => new PracticeSuggestionItem(
                item.Suggestion.SignalId,
                SignalThemes.LabelOf(item.Suggestion.Theme),
                $"{SignalChoices.ServiceAreas.TitleOf(item.Suggestion.ServiceArea)}, {SignalChoices.OrganisationKinds.TitleOf(item.Suggestion.OrganisationKind)}",
                YouSaidWeDidFeature.MonthInWords(item.Suggestion.Month),
                CardText.Literal(item.Suggestion.Wording),
                item.Draft is null ? string.Empty : $"A draft example was started from this compliment ({GoodPracticeCards.StatusText(item.Draft).ToLowerInvariant()})."))],
        });
#pragma warning restore LB0001
    }
}
