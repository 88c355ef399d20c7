using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.FeedbackSignals;

/// <summary>Renders the feedback signal cards: the form, the thank-you and the moderation card.</summary>
public sealed class SignalCards(CardCatalog cards)
{
    /// <summary>An empty form with a token of its own.</summary>
    public JsonObject NewForm() => Form(SignalLogCardData.For(NewFormToken(), SignalAnswers.None));

    public JsonObject Form(SignalLogCardData data) => cards.Render(data);

    public JsonObject Logged(FeedbackSignal signal) =>
        cards.Render(new SignalLoggedCardData(
            SignalChoices.Sources.TitleOf(signal.Source),
            SignalChoices.OrganisationKinds.TitleOf(signal.OrganisationKind),
            SignalChoices.ServiceAreas.TitleOf(signal.ServiceArea),
            ThemeChoices.All.TitleOf(signal.Theme),
            SignalChoices.Kinds.TitleOf(signal.Kind),
            SignalChoices.Frequencies.TitleOf(signal.Frequency),
            SignalChoices.Causes.TitleOf(signal.Cause),
            CardText.Literal(signal.Note),
            MonthInWords(signal.MonthLogged)));

    /// <summary>
    /// The moderation card as everyone in the L&amp;D channel sees it: the buttons while it awaits moderation, or the
    /// decision; with <paramref name="form"/> (<see cref="ModerationForms"/>), that decision's form instead of the buttons;
    /// with <paramref name="mergeThemes"/>, the themes it can be merged into instead of the buttons.
    /// </summary>
    public JsonObject Moderation(FeedbackSignal signal, string form = ModerationForms.None, string notice = "", IReadOnlyList<SignalChoice>? mergeThemes = null)
    {
        var open = !signal.IsDecided;
        var merging = open && mergeThemes is not null;
        return cards.Render(new SignalModerationCardData(
            signal.Id,
            SignalChoices.Sources.TitleOf(signal.Source),
            SignalChoices.OrganisationKinds.TitleOf(signal.OrganisationKind),
            SignalChoices.ServiceAreas.TitleOf(signal.ServiceArea),
            ThemeChoices.All.TitleOf(signal.Theme),
            SignalChoices.Kinds.TitleOf(signal.Kind),
            SignalChoices.Frequencies.TitleOf(signal.Frequency),
            SignalChoices.Causes.TitleOf(signal.Cause),
            CardText.Literal(signal.Note),
            MonthInWords(signal.MonthLogged),
            StatusText(signal),
            signal.Urgent,
            CardText.Literal(signal.Reason),
            notice)
        {
            ShowActions = open && form == ModerationForms.None && !merging,
            Correcting = open && form == ModerationForms.Correct,
            NotLearning = open && form == ModerationForms.NotALearningIssue,
            Rejecting = open && form == ModerationForms.Reject,
            ReasonLabel = form == ModerationForms.Reject ? "Why is it rejected?" : "Why is this not a learning issue?",
            ThemeValue = signal.Theme,
            ServiceAreaValue = signal.ServiceArea,
            OnBehalfText = SlipText(signal),
            Merging = merging,
            MergeThemes = mergeThemes ?? [],
        });
    }

    /// <summary>The status line: what was decided, never by whom (the card is for the whole channel; the row records who).</summary>
    public static string StatusText(FeedbackSignal signal) => signal.Status switch
    {
        FeedbackSignal.AwaitingModeration => "Awaiting moderation",
        FeedbackSignal.Accepted when signal.Urgent => "Accepted and flagged urgent by a moderator",
        FeedbackSignal.Accepted when signal.Merged => "Accepted by a moderator and merged into an existing theme",
        FeedbackSignal.Accepted => "Accepted by a moderator",
        FeedbackSignal.NotALearningIssue => "Marked not a learning issue by a moderator",
        FeedbackSignal.Rejected => "Rejected by a moderator",
        _ => signal.Status,
    };

    /// <summary>For a signal from a paper slip, who entered it and who sent it in (the group's name is stored scrubbed); empty otherwise.</summary>
    public static string SlipText(FeedbackSignal signal)
    {
        if (!signal.LoggedOnBehalf)
        {
            return string.Empty;
        }

        var sender = signal.ReceivedFrom.Length > 0 ? SlipChoices.Senders.TitleOf(signal.ReceivedFrom) : string.Empty;
#pragma warning disable LB0001 // Showing the group's name to moderators: it was stored scrubbed.
        var group = signal.ReceivedFromName.Length > 0 ? $", {CardText.Literal(signal.ReceivedFromName)}" : string.Empty;
#pragma warning restore LB0001
        var from = sender.Length > 0 ? $" Sent in by: {sender}{group}." : string.Empty;
        return $"Entered by the L&D Support Team from a paper slip.{from}";
    }

    public static string NewFormToken() => Guid.NewGuid().ToString("N");

    /// <summary>"December 2026" for <c>2026-12</c>.</summary>
    private static string MonthInWords(string month) =>
        DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
            : month;
}
