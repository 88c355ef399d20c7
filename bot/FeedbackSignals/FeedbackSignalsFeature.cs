using System.Globalization;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Logging a feedback signal (liaison staff only, see <see cref="Roles.Liaison"/>): the form from the welcome card or
/// the <c>feedback</c> command, checked, its note scrubbed and shown back when anything was removed, then stored once
/// per form awaiting moderation; and moderating it from its card in the L&amp;D channel (feedback moderators only, see
/// <see cref="Roles.Moderator"/>).
/// </summary>
public sealed class FeedbackSignalsFeature(SignalCards cards, SignalModeration moderation, TimeProvider clock) : IBotFeature
{
    public const string OnlyLiaisonStaff =
        "Only liaison staff can log feedback signals: people who pass on what patients and service users say through PALS, "
        + "patient forums, complaints advocacy and surveys. If that is part of your job, ask the L&D Support Team to add you as liaison staff.";

    public const string OnlyModerators =
        "Only feedback moderators can moderate feedback signals. If that is part of your job, ask the L&D Support Team to add you as a moderator.";

    private const string SignalGone = "I can't find that feedback signal any more.";

    public void MapRoutes(BotRoutes routes)
    {
        routes.For(Roles.Liaison, OnlyLiaisonStaff)
            .OnCommand(turn => turn.SendCardAsync(cards.NewForm()), "feedback", "feedback signal", "record a feedback signal", "record a signal", "log feedback")
            .OnCardAction(SignalVerbs.Start, (_, _) => Task.FromResult(CardActionResult.Replace(cards.NewForm())))
            .OnCardAction(SignalVerbs.Log, LogAsync);

        routes.For(Roles.Moderator, OnlyModerators)
            .OnCardAction(SignalVerbs.Moderate, ShowFormAsync)
            .OnCardAction(SignalVerbs.Accept, (turn, action) => DecideAsync(turn, action, _ => SignalModeration.Accept(urgent: false)))
            .OnCardAction(SignalVerbs.Urgent, (turn, action) => DecideAsync(turn, action, _ => SignalModeration.Accept(urgent: true)))
            .OnCardAction(SignalVerbs.Correct, CorrectAsync)
            .OnCardAction(SignalVerbs.NotALearningIssue, (turn, action) => WithReasonAsync(turn, action, FeedbackSignal.NotALearningIssue, ModerationForms.NotALearningIssue))
            .OnCardAction(SignalVerbs.Reject, (turn, action) => WithReasonAsync(turn, action, FeedbackSignal.Rejected, ModerationForms.Reject));
    }

    /// <summary>
    /// Stores the signal. Nothing is stored while an answer is missing or not from its list, or while the scrubber finds
    /// something to remove from the note: then the form comes back with the scrubbed note and says what was removed, and
    /// the second press of Log goes through (scrubbed text scrubs to itself).
    /// </summary>
    private async Task<CardActionResult> LogAsync(ITurnContext turn, CardActionRequest action)
    {
        var token = action.GetString(SignalInputs.FormToken) is { Length: > 0 } t ? t : turn.Activity.Id ?? SignalCards.NewFormToken();
        var answers = SignalAnswers.From(action);
        var typed = action.GetString(SignalInputs.Note) ?? string.Empty;
        // Every rule the form declares is one Problems checks too (FeedbackSignalLogTests pins this), so the form is only
        // rendered when something is wrong: the answer is then the form with each problem marked under its input.
        var problems = answers.Problems(typed).ToList();
        if (problems.Count > 0
            && CardSubmission.Refusal(cards.Form(SignalLogCardData.For(token, answers, typed)), action.Submitted(), alsoWrong: problems) is { } refusal)
        {
            return refusal;
        }

        var now = UkTime.Local(clock.GetUtcNow());
        // No work-contact allow-list here, unlike an expert's answer: a signal records what a patient said about staff, and
        // a member of staff's work email or direct line in it would name the person the feedback is about.
        var note = PersonalDataScrubber.Scrub(typed, DateOnly.FromDateTime(now.DateTime));
        if (note.WasScrubbed)
        {
            // Markers can be longer than what they replace: cut to the limit so the note shown can be logged as it is.
            var shown = note.Truncate(SignalChoices.NoteLimit);
            return CardActionResult.Replace(cards.Form(SignalLogCardData.For(token, answers, shown.Text, PersonalDataScrubber.DescribeAll(note.Removed))));
        }

        var loggedBy = turn.Caller.PersonKey ?? "unknown";
        var signal = FeedbackSignal.Log(
            FeedbackSignal.IdFor(loggedBy, token), answers, note, now.ToString("yyyy-MM", CultureInfo.InvariantCulture), loggedBy, loggedOnBehalf: false);
        var stored = await moderation.LogAsync(signal, turn.Aborted);
        return CardActionResult.Update(cards.Logged(stored));
    }

    /// <summary>One decision's form in place of the buttons (for the moderator who pressed), or the buttons again.</summary>
    private async Task<CardActionResult> ShowFormAsync(ITurnContext turn, CardActionRequest action)
    {
        var form = action.GetString("form") switch
        {
            ModerationForms.Correct => ModerationForms.Correct,
            ModerationForms.NotALearningIssue => ModerationForms.NotALearningIssue,
            ModerationForms.Reject => ModerationForms.Reject,
            _ => ModerationForms.None,
        };
        return await SignalOf(action, turn.Aborted) is { } signal
            ? CardActionResult.Replace(cards.Moderation(signal, form))
            : CardActionResult.Message(SignalGone);
    }

    private async Task<CardActionResult> CorrectAsync(ITurnContext turn, CardActionRequest action)
    {
        if (await SignalOf(action, turn.Aborted) is not { } signal)
        {
            return CardActionResult.Message(SignalGone);
        }

        var theme = action.GetString(SignalInputs.Theme) ?? string.Empty;
        var area = action.GetString(SignalInputs.ServiceArea) ?? string.Empty;
        var problems = new (string Input, bool Offered)[] { (SignalInputs.Theme, ThemeChoices.All.Offers(theme)), (SignalInputs.ServiceArea, SignalChoices.ServiceAreas.Offers(area)) }
            .Where(answer => !answer.Offered)
            .Select(answer => new CardInputProblem(answer.Input, "Not one of the options given.", "Please choose one of the options given."));
        if (!signal.IsDecided && CardSubmission.Refusal(cards.Moderation(signal, ModerationForms.Correct), action.Submitted(), alsoWrong: problems) is { } refusal)
        {
            return refusal;
        }

        return await DecideAsync(turn, action, _ => SignalModeration.Correct(theme, area));
    }

    /// <summary>Not a learning issue, or rejected: the reason is required, and stored only scrubbed.</summary>
    private async Task<CardActionResult> WithReasonAsync(ITurnContext turn, CardActionRequest action, string status, string form)
    {
        if (await SignalOf(action, turn.Aborted) is not { } signal)
        {
            return CardActionResult.Message(SignalGone);
        }

        var typed = action.GetString(SignalInputs.Reason) ?? string.Empty;
        var tooLong = typed.Length > SignalChoices.NoteLimit
            ? [new CardInputProblem(SignalInputs.Reason, "Longer than the limit.", $"Please keep the reason to {SignalChoices.NoteLimit} characters.")]
            : Array.Empty<CardInputProblem>();
        if (!signal.IsDecided && CardSubmission.Refusal(cards.Moderation(signal, form), action.Submitted(), alsoWrong: tooLong) is { } refusal)
        {
            return refusal;
        }

        var today = UkTime.Today(clock);
        var reason = PersonalDataScrubber.Scrub(typed, today);
        return await DecideAsync(turn, action, _ => SignalModeration.WithReason(status, reason));
    }

    /// <summary>
    /// Decides on the signal the button names and answers with the card as it now is; on a stale card, the decision
    /// already made and a notice saying so. The answer is the moderator's own (<see cref="CardView.Personal"/>): the
    /// outbox brings the channel's copy up to date for everyone (<see cref="SignalModerationCard"/>), in order, so an
    /// edit from this turn could only race a newer decision there.
    /// </summary>
    private async Task<CardActionResult> DecideAsync(ITurnContext turn, CardActionRequest action, Func<FeedbackSignal, Func<FeedbackSignal, FeedbackSignal>> decision)
    {
        var signalId = action.GetString("signalId") ?? string.Empty;
        var change = signalId.Length == 0
            ? null
            : await moderation.DecideAsync(signalId, turn.Caller.PersonKey ?? "unknown", current => decision(current)(current), turn.Aborted);
        return change switch
        {
            null => CardActionResult.Message(SignalGone),
            { Changed: true } => CardActionResult.Replace(cards.Moderation(change.Entity)),
            _ => CardActionResult.Replace(cards.Moderation(change.Entity, notice: SignalModeration.AlreadyDecided)),
        };
    }

    private Task<FeedbackSignal?> SignalOf(CardActionRequest action, CancellationToken cancellationToken) =>
        action.GetString("signalId") is { Length: > 0 } id ? moderation.FindAsync(id, cancellationToken) : Task.FromResult<FeedbackSignal?>(null);
}
