using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals;

/// <summary>The verbs of the alert card.</summary>
public static class SignalAlertVerbs
{
    public const string Take = "signal.alert.take";

    /// <summary>Shows one answer's form (data <c>form</c>: <see cref="AlertForms"/>), or the buttons again.</summary>
    public const string Form = "signal.alert.form";

    public const string InHand = "signal.alert.in-hand";

    public const string NotALearningIssue = "signal.alert.not-learning";
}

/// <summary>
/// A lead's answer to an alert: routes guarded to <see cref="Roles.Lead"/>, and then only a recipient of that alert, as
/// the stored alert records them, may act. The card is replaced with the outcome for the lead who pressed.
/// </summary>
public sealed class SignalAlertsFeature(SignalAlerts alerts, SignalAlertCards cards, TimeProvider clock) : IBotFeature
{
    public const string OnlyLeads = "Only leads who were sent this alert can answer it.";
    public const string NotYours = "This alert was sent to other leads, so only they can answer it.";
    public const string AlreadyAnswered = "Another lead has already answered this alert: the card shows what they said.";
    private const string AlertGone = "I can't find that alert any more.";

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.Lead, OnlyLeads)
            .OnCardAction(SignalAlertVerbs.Take, (turn, action) => AnswerAsync(turn, action, SignalAlert.Taken, null))
            .OnCardAction(SignalAlertVerbs.Form, ShowFormAsync)
            .OnCardAction(SignalAlertVerbs.InHand, (turn, action) => AnswerAsync(turn, action, SignalAlert.InHand, ("note", AlertForms.InHand)))
            .OnCardAction(SignalAlertVerbs.NotALearningIssue, (turn, action) => AnswerAsync(turn, action, SignalAlert.NotALearningIssue, ("reason", AlertForms.NotALearningIssue)));

    private async Task<CardActionResult> ShowFormAsync(ITurnContext turn, CardActionRequest action)
    {
        var form = action.GetString("form") switch
        {
            AlertForms.InHand => AlertForms.InHand,
            AlertForms.NotALearningIssue => AlertForms.NotALearningIssue,
            _ => AlertForms.None,
        };
        var alert = await AlertOf(action, turn.Aborted);
        return alert is null ? CardActionResult.Message(AlertGone)
            : !alert.IsRecipient(turn.Caller.PersonKey) ? CardActionResult.Message(NotYours)
            : CardActionResult.Replace(cards.Alert(alert, form));
    }

    /// <summary>Answers the alert the button names, for a recipient only; the text (when the answer takes one) required and stored scrubbed.</summary>
    private async Task<CardActionResult> AnswerAsync(ITurnContext turn, CardActionRequest action, string status, (string Input, string Form)? text)
    {
        if (await AlertOf(action, turn.Aborted) is not { } alert)
        {
            return CardActionResult.Message(AlertGone);
        }

        if (!alert.IsRecipient(turn.Caller.PersonKey))
        {
            return CardActionResult.Message(NotYours);
        }

        var answer = ScrubbedText.Empty;
        if (text is { } needed)
        {
            var typed = action.GetString(needed.Input) ?? string.Empty;
            var tooLong = typed.Length > SignalChoices.NoteLimit
                ? [new CardInputProblem(needed.Input, "Longer than the limit.", $"Please keep it to {SignalChoices.NoteLimit} characters.")]
                : Array.Empty<CardInputProblem>();
            if (alert.Status == SignalAlert.Open && CardSubmission.Refusal(cards.Alert(alert, needed.Form), action.Submitted(), alsoWrong: tooLong) is { } refusal)
            {
                return refusal;
            }

            answer = PersonalDataScrubber.Scrub(typed, UkTime.Today(clock));
        }

        var change = await alerts.AnswerAsync(alert.AlertId, turn.Caller.PersonKey!, status, answer, turn.Aborted);
        return change switch
        {
            null => CardActionResult.Message(AlertGone),
            { Changed: true } => CardActionResult.Update(cards.Alert(change.Entity)),
            _ => CardActionResult.Update(cards.Alert(change.Entity, notice: AlreadyAnswered)),
        };
    }

    private Task<SignalAlert?> AlertOf(CardActionRequest action, CancellationToken cancellationToken) =>
        action.GetString("alertId") is { Length: > 0 } id ? alerts.FindAsync(id, cancellationToken) : Task.FromResult<SignalAlert?>(null);
}
