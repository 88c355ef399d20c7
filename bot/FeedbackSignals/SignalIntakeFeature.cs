using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals;

/// <summary>The verbs of the paper route and of merging.</summary>
public static class SignalIntakeVerbs
{
    /// <summary>Opens the form for entering a paper slip (L&amp;D Support Team).</summary>
    public const string StartSlip = "signal.start-slip";

    /// <summary>The slip form's Log button (L&amp;D Support Team).</summary>
    public const string LogSlip = "signal.log-slip";

    /// <summary>Moderation card: shows the existing themes the signal can be merged into.</summary>
    public const string ChooseTheme = "signal.merge-theme";

    /// <summary>Moderation card: accept into the chosen existing theme.</summary>
    public const string Merge = "signal.merge";
}

/// <summary>
/// The way in for feedback heard outside Teams: the printable slip's link (liaison staff hand it out), the L&amp;D
/// Support Team entering a slip on a group's behalf (the only route that records a signal as logged on behalf), and
/// moderators merging a signal into a theme that already exists.
/// </summary>
public sealed class SignalIntakeFeature(SignalCards cards, SignalModeration moderation, ThemeMergeChoices themes, SignalSlipLink slip, TimeProvider clock) : IBotFeature
{
    public const string OnlySupportTeam =
        "Only the L&D Support Team can enter paper slips. If you have a slip from a group outside Teams, please send it to the L&D Support Team.";

    private const string SignalGone = "I can't find that feedback signal any more.";

    public void MapRoutes(BotRoutes routes)
    {
        routes.For(Roles.Liaison, FeedbackSignalsFeature.OnlyLiaisonStaff)
            .OnCommand(SendSlipLinkAsync, "signal slip", "paper slip", "feedback slip");

        routes.For(Roles.SupportTeam, OnlySupportTeam)
            .OnCommand(turn => turn.SendCardAsync(SlipForm(SignalCards.NewFormToken(), SignalAnswers.None)), "log a slip", "enter a slip", "log a paper slip")
            .OnCardAction(SignalIntakeVerbs.StartSlip, (_, _) => Task.FromResult(CardActionResult.Replace(SlipForm(SignalCards.NewFormToken(), SignalAnswers.None))))
            .OnCardAction(SignalIntakeVerbs.LogSlip, LogSlipAsync);

        routes.For(Roles.Moderator, FeedbackSignalsFeature.OnlyModerators)
            .OnCardAction(SignalIntakeVerbs.ChooseTheme, ChooseThemeAsync)
            .OnCardAction(SignalIntakeVerbs.Merge, MergeAsync);
    }

    private Task SendSlipLinkAsync(ITurnContext turn) =>
        turn.SendTextAsync(slip.Url() is { } url
            ? $"Here is the paper signal slip to print for groups outside Teams: {url}\n\nIt has no personal data on it. Whoever fills it in sends it to the L&D Support Team, who enter it for them."
            : "The paper signal slip is not available yet: please ask the L&D Support Team for copies.");

    /// <summary>
    /// Stores a paper slip's signal as entered on the group's behalf, for the slip's month. As with the Teams form,
    /// nothing is stored while an answer is missing or not from its list, or while the scrubber has something to remove
    /// from the note or the group's name: the form comes back scrubbed, saying what was removed.
    /// </summary>
    private async Task<CardActionResult> LogSlipAsync(ITurnContext turn, CardActionRequest action)
    {
        var token = action.GetString(SignalInputs.FormToken) is { Length: > 0 } t ? t : turn.Activity.Id ?? SignalCards.NewFormToken();
        var answers = SignalAnswers.From(action);
        var typed = action.GetString(SignalInputs.Note) ?? string.Empty;
        var sender = action.GetString(SlipInputs.ReceivedFrom) ?? string.Empty;
        var groupTyped = action.GetString(SlipInputs.ReceivedFromName) ?? string.Empty;
        var month = action.GetString(SlipInputs.SlipMonth) ?? string.Empty;
        var now = UkTime.Local(clock.GetUtcNow());
        var form = SlipForm(token, answers, typed, sender, groupTyped, month);
        if (CardSubmission.Refusal(form, action.Submitted(), alsoWrong: answers.Problems(typed).Concat(SlipProblems(sender, groupTyped, month, now))) is { } refusal)
        {
            return refusal;
        }

        var today = DateOnly.FromDateTime(now.DateTime);
        var note = PersonalDataScrubber.Scrub(typed, today);
        var group = PersonalDataScrubber.Scrub(groupTyped, today);
        if (note.WasScrubbed || group.WasScrubbed)
        {
            var removed = PersonalDataScrubber.DescribeAll([.. note.Removed, .. group.Removed]);
            return CardActionResult.Replace(SlipForm(
                token, answers, note.Truncate(SignalChoices.NoteLimit).Text, sender, group.Truncate(SlipChoices.GroupNameLimit).Text, month, removed));
        }

        var enteredBy = turn.Caller.PersonKey ?? "unknown";
        var signal = FeedbackSignal.Log(FeedbackSignal.IdFor(enteredBy, token), answers, note, month, enteredBy, loggedOnBehalf: true).FromSlip(sender, group);
        var stored = await moderation.LogAsync(signal, turn.Aborted);
        return CardActionResult.Update(cards.Logged(stored));
    }

    private JsonObject SlipForm(string token, SignalAnswers answers, string note = "", string sender = "", string group = "", string month = "", string removed = "") =>
        cards.Form(SignalLogCardData.For(token, answers, note, removed) with
        {
            OnBehalf = true,
            ReceivedFrom = sender,
            ReceivedFromName = group,
            SlipMonth = month,
            Months = SlipChoices.Months(UkTime.Local(clock.GetUtcNow())),
        });

    private static IEnumerable<CardInputProblem> SlipProblems(string sender, string group, string month, DateTimeOffset ukNow)
    {
        if (!SlipChoices.Senders.Offers(sender))
        {
            yield return new CardInputProblem(SlipInputs.ReceivedFrom, "Not one of the options given.", "Please choose one of the options given.");
        }

        if (group.Length > SlipChoices.GroupNameLimit)
        {
            yield return new CardInputProblem(SlipInputs.ReceivedFromName, "Longer than the limit.", $"Please keep the name to {SlipChoices.GroupNameLimit} characters.");
        }

        if (!SlipChoices.Months(ukNow).Offers(month))
        {
            yield return new CardInputProblem(SlipInputs.SlipMonth, "Not one of the months given.", "Please choose this month or one of the 11 before it.");
        }
    }

    /// <summary>The existing themes of the signal's organisation kind in place of the buttons, for the moderator who pressed.</summary>
    private async Task<CardActionResult> ChooseThemeAsync(ITurnContext turn, CardActionRequest action)
    {
        if (await SignalOf(action, turn.Aborted) is not { } signal)
        {
            return CardActionResult.Message(SignalGone);
        }

        return signal.IsDecided
            ? CardActionResult.Replace(cards.Moderation(signal))
            : CardActionResult.Replace(cards.Moderation(signal, mergeThemes: Offered(await themes.ForAsync(signal.OrganisationKind, turn.Aborted))));
    }

    /// <summary>Accepts the signal into the chosen theme through the Correct path (so it counts into that theme, once), recorded as merged.</summary>
    private async Task<CardActionResult> MergeAsync(ITurnContext turn, CardActionRequest action)
    {
        if (await SignalOf(action, turn.Aborted) is not { } signal)
        {
            return CardActionResult.Message(SignalGone);
        }

        var key = action.GetString(SlipInputs.ThemeKey) ?? string.Empty;
        var existing = signal.IsDecided ? [] : await themes.ForAsync(signal.OrganisationKind, turn.Aborted);
        var chosen = existing.FirstOrDefault(theme => theme.RowKey == key);
        var problems = chosen is null
            ? [new CardInputProblem(SlipInputs.ThemeKey, "Not one of the options given.", "Please choose one of the themes given.")]
            : Array.Empty<CardInputProblem>();
        if (!signal.IsDecided && CardSubmission.Refusal(cards.Moderation(signal, mergeThemes: Offered(existing)), action.Submitted(), alsoWrong: problems) is { } refusal)
        {
            return refusal;
        }

        var change = await moderation.DecideAsync(
            signal.Id, turn.Caller.PersonKey ?? "unknown", current => SignalModeration.Merge(chosen?.Theme ?? current.Theme, chosen?.ServiceArea ?? current.ServiceArea)(current), turn.Aborted);
        // As for every decision, the outbox brings the channel's copy up to date (SignalModerationCard): the answer is
        // only the moderator's, so it cannot overwrite a newer decision there.
        return change switch
        {
            null => CardActionResult.Message(SignalGone),
            { Changed: true } => CardActionResult.Replace(cards.Moderation(change.Entity)),
            _ => CardActionResult.Replace(cards.Moderation(change.Entity, notice: SignalModeration.AlreadyDecided)),
        };
    }

    private static IReadOnlyList<SignalChoice> Offered(IReadOnlyList<ThemeTally> existing) =>
        [.. existing.Select(theme => new SignalChoice(theme.RowKey, ThemeMergeChoices.Describe(theme)))];

    private Task<FeedbackSignal?> SignalOf(CardActionRequest action, CancellationToken cancellationToken) =>
        action.GetString("signalId") is { Length: > 0 } id ? moderation.FindAsync(id, cancellationToken) : Task.FromResult<FeedbackSignal?>(null);
}

/// <summary>The ids of the slip form's and the merge form's own inputs.</summary>
public static class SlipInputs
{
    public const string ReceivedFrom = "receivedFrom";
    public const string ReceivedFromName = "receivedFromName";
    public const string SlipMonth = "slipMonth";

    /// <summary>The theme chosen to merge into (a <see cref="ThemeTally"/> row key).</summary>
    public const string ThemeKey = "themeKey";
}
