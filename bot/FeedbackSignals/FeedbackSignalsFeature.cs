using System.Globalization;
using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Logging a feedback signal (liaison staff only, see <see cref="Roles.Liaison"/>): the form from the welcome card or
/// the <c>feedback</c> command, checked, its note scrubbed and shown back when anything was removed, then stored once
/// per form awaiting moderation.
/// </summary>
public sealed class FeedbackSignalsFeature(SignalCards cards, FeedbackSignalStore store, TimeProvider clock) : IBotFeature
{
    public const string OnlyLiaisonStaff =
        "Only liaison staff can log feedback signals: people who pass on what patients and service users say through PALS, "
        + "patient forums, complaints advocacy and surveys. If that is part of your job, ask the L&D Support Team to add you as liaison staff.";

    private static readonly TimeZoneInfo UkTime =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var zone) ? zone : TimeZoneInfo.Utc;

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.Liaison, OnlyLiaisonStaff)
            .OnCommand(turn => turn.SendCardAsync(cards.NewForm()), "feedback", "feedback signal", "record a feedback signal")
            .OnCardAction(SignalVerbs.Start, (_, _) => Task.FromResult(CardActionResult.Replace(cards.NewForm())))
            .OnCardAction(SignalVerbs.Log, LogAsync);

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
        var form = cards.Form(SignalLogCardData.For(token, answers, typed));
        if (CardSubmission.Refusal(form, action.Submitted(), alsoWrong: answers.Problems(typed)) is { } refusal)
        {
            return refusal;
        }

        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UkTime);
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
        var stored = await store.LogAsync(signal, turn.Aborted);
        return CardActionResult.Replace(cards.Logged(stored));
    }
}
