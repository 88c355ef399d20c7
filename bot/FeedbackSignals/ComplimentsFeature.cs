using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.People;

namespace LearningBot.FeedbackSignals;

/// <summary>The verbs of the compliment card.</summary>
public static class ComplimentVerbs
{
    /// <summary>Shows the form to find the team's manager (data <c>form</c>: <c>find</c>), or the buttons again.</summary>
    public const string Form = "signal.compliment.form";

    public const string Find = "signal.compliment.find";

    public const string Pass = "signal.compliment.pass";

    public const string Suggest = "signal.compliment.suggest";
}

/// <summary>
/// A lead's buttons on a compliment: routes guarded to <see cref="Roles.Lead"/>, and then only a lead the compliment was
/// sent to (as stored) may pass it on or suggest it. The manager is chosen from the people directory by name.
/// </summary>
public sealed class ComplimentsFeature(SignalCompliments compliments, FeedbackSignalStore signals, IPeopleDirectory people, CardCatalog cards) : IBotFeature
{
    public const string FindForm = "find";
    public const string NotYours = "This compliment was sent to other leads, so only they can pass it on.";
    public const string SuggestedNotice = "Suggested for the good-practice exchange. Thank you.";
    public const string AlreadySuggested = "This compliment had already been suggested for the good-practice exchange.";
    public const int MaxMatches = 10;
    private const int MaxLookedAt = 5 * MaxMatches;
    private const string ComplimentGone = "I can't find that compliment any more.";

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.Lead, SignalAlertsFeature.OnlyLeads)
            .OnCardAction(ComplimentVerbs.Form, ShowFormAsync)
            .OnCardAction(ComplimentVerbs.Find, FindAsync)
            .OnCardAction(ComplimentVerbs.Pass, PassAsync)
            .OnCardAction(ComplimentVerbs.Suggest, SuggestAsync);

    private Task<CardActionResult> ShowFormAsync(ITurnContext turn, CardActionRequest action) =>
        ForRecipientAsync(turn, action, (signal, recognition) => Task.FromResult(Card(action.GetString("form") == FindForm
            ? ComplimentCardData.ForLeads(signal, recognition) with { ShowActions = false, FindForm = true }
            : ComplimentCardData.ForLeads(signal, recognition))));

    /// <summary>Finds people in the directory whose name has the typed words, and offers them to pick from.</summary>
    private Task<CardActionResult> FindAsync(ITurnContext turn, CardActionRequest action) =>
        ForRecipientAsync(turn, action, async (signal, recognition) =>
        {
            var name = (action.GetString("name") ?? string.Empty).Trim();
            var form = ComplimentCardData.ForLeads(signal, recognition) with { ShowActions = false, FindForm = true, NameValue = name };
            var tooShort = name.Length is > 0 and < 2
                ? [new CardInputProblem("name", "Too short.", "Please type at least two letters of their name.")]
                : Array.Empty<CardInputProblem>();
            if (CardSubmission.Refusal(cards.Render(form), action.Submitted(), alsoWrong: tooShort) is { } refusal)
            {
                return refusal;
            }

            var found = await MatchesAsync(name, turn.Aborted);
            return found.Count == 0
                ? Card(form with { Notice = $"I can't find anyone called \"{CardText.Literal(name)}\" in the people directory. Try part of their name." })
                : Card(form with { FindForm = false, PickForm = true, People = found });
        });

    private Task<CardActionResult> PassAsync(ITurnContext turn, CardActionRequest action) =>
        ForRecipientAsync(turn, action, async (signal, recognition) =>
        {
            var chosen = action.GetString("manager") ?? string.Empty;
            var manager = chosen.Length > 0 ? await people.GetPersonAsync(chosen, turn.Aborted) : null;
            if (manager is null)
            {
                return Card(ComplimentCardData.ForLeads(signal, recognition) with
                {
                    ShowActions = false, FindForm = true, Notice = "Please find the manager again: I can't find that person in the people directory.",
                });
            }

            var passed = await compliments.PassToManagerAsync(signal, manager.Id, manager.OrganisationKind, turn.Aborted);
            return Recorded(ComplimentCardData.ForLeads(signal, passed ?? recognition, $"Passed to {CardText.Literal(manager.DisplayName)}."));
        });

    private Task<CardActionResult> SuggestAsync(ITurnContext turn, CardActionRequest action) =>
        ForRecipientAsync(turn, action, async (signal, _) =>
        {
            var (recognition, suggested) = await compliments.SuggestAsync(signal, turn.Caller.PersonKey!, turn.Aborted);
            return Recorded(ComplimentCardData.ForLeads(signal, recognition, suggested ? SuggestedNotice : AlreadySuggested));
        });

    /// <summary>Runs <paramref name="act"/> for a lead the compliment (named by the button, read from storage) was sent to.</summary>
    private async Task<CardActionResult> ForRecipientAsync(
        ITurnContext turn, CardActionRequest action, Func<FeedbackSignal, ComplimentRecognition, Task<CardActionResult>> act)
    {
        var id = action.GetString("signalId");
        var recognition = id is { Length: > 0 } ? await compliments.FindAsync(id, turn.Aborted) : null;
        var signal = recognition is null ? null : await signals.FindAsync(recognition.SignalId, turn.Aborted);
        return recognition is null || signal is null ? CardActionResult.Message(ComplimentGone)
            : !recognition.IsRecipient(turn.Caller.PersonKey) ? CardActionResult.Message(NotYours)
            : await act(signal, recognition);
    }

    private async Task<IReadOnlyList<SignalChoice>> MatchesAsync(string name, CancellationToken cancellationToken)
    {
        // Asks for more than are shown, since people without Teams (who cannot be passed a compliment) are left out.
        var found = (await people.FindAsync(name, MaxLookedAt, cancellationToken)).Where(person => person.UsesTeams);
        return [.. found.OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).Take(MaxMatches)
            .Select(p => new SignalChoice(p.Id, p.JobTitle is { Length: > 0 } job ? $"{p.DisplayName} ({job})" : p.DisplayName))];
    }

    /// <summary>A form or a list to pick from, for the lead who pressed.</summary>
    private CardActionResult Card(ComplimentCardData data) => CardActionResult.Replace(cards.Render(data));

    /// <summary>What the lead did, shown by the card from now on.</summary>
    private CardActionResult Recorded(ComplimentCardData data) => CardActionResult.Update(cards.Render(data));
}
