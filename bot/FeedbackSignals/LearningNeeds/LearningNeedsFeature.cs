using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>
/// Learning needs analyses started from feedback alerts: start (one draft per alert), open, save and mark ready, and
/// the list of drafts the caller may edit. Who may act is decided from the stored alert and the caller's roles
/// (<see cref="LnaAccess"/>); the analysis a button names is read from storage, never taken from the card.
/// </summary>
public sealed class LearningNeedsFeature(
    LearningNeedsStore store, SignalAlerts alerts, LnaAccess access, LnaCards cards, SignalAlertCards alertCards, YouSaidWeDidLoop loop, TimeProvider clock)
    : IBotFeature
{
    public const string Saved = "Saved.";
    public const string MarkedReady = "Saved and marked ready.";
    public const string Conflict = "Someone else saved this analysis while you were editing it, so your changes were not saved. This is their version: please make your changes again and save.";
    public const string NoneToEdit = "You have no learning needs analyses to edit. A lead who was sent a feedback theme alert can start one by pressing Learning needs analysis on the alert.";
    private const string Gone = "I can't find that learning needs analysis any more.";
    private const string AlertGone = "I can't find that alert any more.";
    private const int ListedAtMost = 20;

    public void MapRoutes(BotRoutes routes) =>
        routes
            .OnCardAction(LearningNeedsVerbs.Start, StartAsync)
            .OnCardAction(LearningNeedsVerbs.Open, OpenAsync)
            .OnCardAction(LearningNeedsVerbs.Save, (turn, action) => SaveAsync(turn, action, LearningNeedsAnalysis.Draft))
            .OnCardAction(LearningNeedsVerbs.Ready, (turn, action) => SaveAsync(turn, action, LearningNeedsAnalysis.ReadyStatus))
            .OnCardAction(LearningNeedsVerbs.BackToAlert, BackToAlertAsync)
            .OnCommand(ListAsync, "my analyses", "learning needs analyses", "my learning needs analyses");

    /// <summary>The alert's draft: made from the alert and its theme the first time, the same one every time after.</summary>
    private async Task<CardActionResult> StartAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("alertId") is not { Length: > 0 } alertId || await alerts.FindAsync(alertId, turn.Aborted) is not { } alert)
        {
            return CardActionResult.Message(AlertGone);
        }

        if (!await access.MayEditAsync(turn.Caller, alert, turn.Aborted))
        {
            return CardActionResult.Message(LnaAccess.NotYours);
        }

        var analysis = await store.FindAsync(alert.AlertId, turn.Aborted);
        if (analysis is null)
        {
            var theme = await alerts.FindThemeAsync(alert.Theme, alert.ServiceArea, alert.OrganisationKind, turn.Aborted);
            analysis = await store.StartAsync(LnaOutline.Start(alert, theme, turn.Caller.PersonKey ?? "unknown", clock.GetUtcNow()), turn.Aborted);
        }

        return CardActionResult.Replace(cards.Draft(analysis));
    }

    private async Task<CardActionResult> OpenAsync(ITurnContext turn, CardActionRequest action) =>
        await EditableAsync(turn, action) switch
        {
            (null, var refusal) => CardActionResult.Message(refusal),
            (var analysis, _) => CardActionResult.Replace(cards.Draft(analysis)),
        };

    /// <summary>
    /// The alert again, as stored, in place of the draft: Start replaced the alert card, and the lead still has to answer it
    /// or record what was done. Whoever may open the draft may go back to it.
    /// </summary>
    private async Task<CardActionResult> BackToAlertAsync(ITurnContext turn, CardActionRequest action)
    {
        var (analysis, refusal) = await EditableAsync(turn, action);
        if (analysis is null || await alerts.FindAsync(analysis.AlertId, turn.Aborted) is not { } alert)
        {
            return CardActionResult.Message(analysis is null ? refusal : AlertGone);
        }

        var record = await loop.FindAsync(alert.AlertId, turn.Aborted);
        return CardActionResult.Replace(alertCards.Alert(alert, extend: data => YouSaidWeDidFeature.WithRecord(data, record)));
    }

    /// <summary>
    /// Saves what the card holds over the version it showed. Nothing is saved while a required part is empty or too long,
    /// or while the scrubber finds something to remove: then the card comes back with the scrubbed text and says what was
    /// removed, and the second press saves (scrubbed text scrubs to itself). A save over a version someone else has
    /// replaced saves nothing and shows theirs with a notice.
    /// </summary>
    private async Task<CardActionResult> SaveAsync(ITurnContext turn, CardActionRequest action, string status)
    {
        var (analysis, refusal) = await EditableAsync(turn, action);
        if (analysis is null)
        {
            return CardActionResult.Message(refusal);
        }

        var typed = LnaInputs.All.ToDictionary(input => input, input => action.GetString(input) ?? string.Empty, StringComparer.Ordinal);
        var tooLong = typed.Where(part => part.Value.Length > LnaInputs.Limit)
            .Select(part => new CardInputProblem(part.Key, "Longer than the limit.", $"Please keep it to {LnaInputs.Limit:N0} characters."));
        if (CardSubmission.Refusal(cards.Draft(analysis, written: typed), action.Submitted(), alsoWrong: tooLong) is { } problems)
        {
            return problems;
        }

        var today = UkTime.Today(clock);
        var scrubbed = typed.ToDictionary(part => part.Key, part => PersonalDataScrubber.Scrub(part.Value, today).Truncate(LnaInputs.Limit), StringComparer.Ordinal);
        var text = new LnaText(
            scrubbed[LnaInputs.Need], scrubbed[LnaInputs.WhoIsAffected], scrubbed[LnaInputs.WhyLearning], scrubbed[LnaInputs.SuccessMeasures],
            scrubbed[LnaInputs.WhoLearnsWhat], scrubbed[LnaInputs.ByWhen], scrubbed[LnaInputs.Approaches]);
        if (text.Removed() is { Count: > 0 } removed)
        {
            var notice = $"Not saved yet: I removed {PersonalDataScrubber.DescribeAll(removed)}, because no personal details belong here. Please check the text below and press the button again.";
            return CardActionResult.Replace(cards.Draft(analysis, notice, scrubbed.ToDictionary(part => part.Key, part => part.Value.Text, StringComparer.Ordinal)));
        }

        var version = action.GetInt("version") ?? -1;
        var now = clock.GetUtcNow();
        var save = await store.SaveAsync(analysis.AlertId, version, current => current.WithText(text, status, turn.Caller.PersonKey ?? "unknown", now), turn.Aborted);
        return save switch
        {
            null => CardActionResult.Message(Gone),
            { Saved: true } => CardActionResult.Update(cards.Draft(save.Analysis, status == LearningNeedsAnalysis.ReadyStatus ? MarkedReady : Saved)),
            _ => CardActionResult.Replace(cards.Draft(save.Analysis, Conflict)),
        };
    }

    /// <summary>The analyses the caller may edit, most recently saved first.</summary>
    private async Task ListAsync(ITurnContext turn)
    {
        List<LearningNeedsAnalysis> editable = [];
        foreach (var analysis in (await store.ListAsync(turn.Aborted)).OrderByDescending(a => a.EditedAt))
        {
            if (await alerts.FindAsync(analysis.AlertId, turn.Aborted) is { } alert && await access.MayEditAsync(turn.Caller, alert, turn.Aborted))
            {
                editable.Add(analysis);
            }

            if (editable.Count == ListedAtMost)
            {
                break;
            }
        }

        await (editable.Count == 0 ? turn.SendTextAsync(NoneToEdit) : turn.SendCardAsync(cards.List(editable)));
    }

    /// <summary>The analysis the button names when the caller may edit it; otherwise null and what to tell them.</summary>
    private async Task<(LearningNeedsAnalysis? Analysis, string Refusal)> EditableAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("analysisId") is not { Length: > 0 } id || await store.FindAsync(id, turn.Aborted) is not { } analysis)
        {
            return (null, Gone);
        }

        if (await alerts.FindAsync(analysis.AlertId, turn.Aborted) is not { } alert || !await access.MayEditAsync(turn.Caller, alert, turn.Aborted))
        {
            return (null, LnaAccess.NotYours);
        }

        return (analysis, string.Empty);
    }
}
