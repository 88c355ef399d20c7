using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Leads;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals;

/// <summary>The verbs of passing an alert on and of the weekly bundle.</summary>
public static class AlertLifecycleVerbs
{
    /// <summary>Alert card: shows the form to pass it to another lead.</summary>
    public const string PassForm = "signal.alert.pass-form";

    /// <summary>Pass form: passes the alert to the lead chosen.</summary>
    public const string Pass = "signal.alert.pass";

    /// <summary>Weekly bundle: sends the alert's card.</summary>
    public const string Open = "signal.alert.open";
}

/// <summary>
/// A recipient passes an alert to another active lead (chosen from the register, checked again here), and a lead opens
/// an alert from the weekly bundle. Routes guarded to <see cref="Roles.Lead"/>, then only recipients of the stored alert.
/// </summary>
public sealed class AlertLifecycleFeature(SignalAlerts alerts, AlertStore store, AlertFollowUp followUp, LeadRegister leads, SignalAlertCards cards, TimeProvider clock) : IBotFeature
{
    public const string NobodyToPassTo = "There is no other active lead to pass this alert to. Please ask the L&D Support Team.";
    public const string NotAChoice = "Please choose a lead from the list.";
    private const string AlertGone = "I can't find that alert any more.";

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.Lead, SignalAlertsFeature.OnlyLeads)
            .OnCardAction(AlertLifecycleVerbs.PassForm, ShowPassFormAsync)
            .OnCardAction(AlertLifecycleVerbs.Pass, PassAsync)
            .OnCardAction(AlertLifecycleVerbs.Open, OpenAsync);

    public static string PassedTo(string name) => $"Passed to {name}.";

    private async Task<CardActionResult> ShowPassFormAsync(ITurnContext turn, CardActionRequest action)
    {
        var found = await RecipientsAlertAsync(turn, action);
        if (found.Refusal is { } refused)
        {
            return refused;
        }

        var candidates = await CandidatesAsync(found.Alert!, turn.Caller.PersonKey!, turn.Aborted);
        return candidates.Count == 0 ? CardActionResult.Message(NobodyToPassTo)
            : CardActionResult.Replace(cards.Alert(found.Alert!, AlertForms.Pass, leadChoices: Choices(candidates)));
    }

    /// <summary>Passes the alert: the lead chosen must be one offered; the note optional, at most 500 characters, stored scrubbed.</summary>
    private async Task<CardActionResult> PassAsync(ITurnContext turn, CardActionRequest action)
    {
        var found = await RecipientsAlertAsync(turn, action);
        if (found.Refusal is { } refused)
        {
            return refused;
        }

        var alert = found.Alert!;
        var caller = turn.Caller.PersonKey!;
        if (alert.Status != SignalAlert.Open)
        {
            return CardActionResult.Update(cards.Alert(alert, notice: SignalAlertsFeature.AlreadyAnswered));
        }

        var candidates = await CandidatesAsync(alert, caller, turn.Aborted);
        var chosen = candidates.FirstOrDefault(lead => AlertStore.SamePerson(lead.PersonKey, action.GetString("lead") ?? string.Empty));
        var typed = action.GetString("passNote") ?? string.Empty;
        List<CardInputProblem> wrong = [];
        if (chosen is null)
        {
            wrong.Add(new("lead", "Not a lead offered.", NotAChoice));
        }

        if (typed.Length > SignalChoices.NoteLimit)
        {
            wrong.Add(new("passNote", "Longer than the limit.", $"Please keep it to {SignalChoices.NoteLimit} characters."));
        }

        if (CardSubmission.Refusal(cards.Alert(alert, AlertForms.Pass, leadChoices: Choices(candidates)), action.Submitted(), alsoWrong: wrong) is { } refusal)
        {
            return refusal;
        }

        var note = PersonalDataScrubber.Scrub(typed, UkTime.Today(clock));
        var change = await store.PassAsync(alert.AlertId, caller, chosen!.PersonKey, chosen.Name, note, turn.Aborted);
        if (change is null)
        {
            return CardActionResult.Message(AlertGone);
        }

        // A press delivered again finds the pass recorded and starts nothing new: the delivery is keyed by the alert and the lead.
        await followUp.DeliverPassesAsync(change.Entity, turn.Aborted);
        return change.Entity.Status == SignalAlert.Open
            ? CardActionResult.Update(cards.Alert(change.Entity, AlertForms.ReadOnly, PassedTo(chosen.Name)))
            : CardActionResult.Update(cards.Alert(change.Entity, notice: SignalAlertsFeature.AlreadyAnswered));
    }

    /// <summary>Sends the alert's card from the weekly bundle, which stays as it is.</summary>
    private async Task<CardActionResult> OpenAsync(ITurnContext turn, CardActionRequest action)
    {
        var found = await RecipientsAlertAsync(turn, action);
        if (found.Refusal is { } refused)
        {
            return refused;
        }

        await turn.SendCardAsync(cards.Alert(found.Alert!));
        return CardActionResult.Message("Here is the alert: answer it on its card.");
    }

    /// <summary>
    /// Active leads other than the chooser in the alert's kind of organisation, or who cover its theme; those in the
    /// same kind first.
    /// </summary>
    private async Task<IReadOnlyList<LeadEntry>> CandidatesAsync(SignalAlert alert, string chooser, CancellationToken cancellationToken) =>
    [
        .. (await leads.ListAsync(cancellationToken))
            .Where(lead => !lead.Retired && !AlertStore.SamePerson(lead.PersonKey, chooser)
                && (lead.OrganisationKind == alert.OrganisationKind || lead.SpecialtyIds().Contains(alert.Theme)))
            .OrderBy(lead => lead.OrganisationKind == alert.OrganisationKind ? 0 : 1)
            .ThenBy(lead => lead.Name, StringComparer.OrdinalIgnoreCase),
    ];

    private static List<LeadChoice> Choices(IReadOnlyList<LeadEntry> candidates) =>
        [.. candidates.Select(lead => new LeadChoice($"{lead.Name} ({SignalChoices.OrganisationKinds.TitleOf(lead.OrganisationKind)})", lead.PersonKey))];

    /// <summary>The alert the button names when the caller is one of its recipients; otherwise the refusal to answer with.</summary>
    private async Task<Found> RecipientsAlertAsync(ITurnContext turn, CardActionRequest action)
    {
        var alert = action.GetString("alertId") is { Length: > 0 } id ? await alerts.FindAsync(id, turn.Aborted) : null;
        return alert is null ? new Found(null, CardActionResult.Message(AlertGone))
            : !alert.IsRecipient(turn.Caller.PersonKey) ? new Found(null, CardActionResult.Message(SignalAlertsFeature.NotYours))
            : new Found(alert, null);
    }

    private sealed record Found(SignalAlert? Alert, CardActionResult? Refusal);
}
