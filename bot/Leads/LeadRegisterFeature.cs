using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.People;
using LearningBot.Privacy;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Leads;

/// <summary>
/// The L&amp;D Support Team's view of the register (every route needs <see cref="Roles.SupportTeam"/>): <c>leads</c>
/// lists the active leads a page at a time, grouped by kind of organisation, each with Edit and Retire; <c>add lead</c>
/// (or Add a lead) opens an empty form. Retiring asks first and keeps the row, marked retired.
/// </summary>
/// <remarks>
/// On the wire: <c>leads.page {page}</c>; <c>leads.add</c>; <c>leads.edit {personKey}</c>; <c>leads.save {personKey,
/// formId, person, roleTitle, organisation, organisationKind, specialties, alertPreference}</c> (personKey empty for a
/// new lead, who is named by <c>person</c>: an Entra object id or an email address in the people directory; formId
/// makes a second press of the same add form find the first one's entry); <c>leads.retire {personKey}</c> asks,
/// <c>leads.retire.confirm {personKey}</c> retires. A submission that breaks the form's rules comes back with the
/// problems marked and nothing written.
/// </remarks>
public sealed class LeadRegisterFeature(
    LeadRegister register, LeadCards cards, IPeopleDirectory people, TimeProvider clock, IOptions<LeadsOptions> options) : IBotFeature
{
    public const string LeadGone = "I can't find that lead in the register. Type \"leads\" to see the register again.";

    private int PageSize => options.Value.PageSize;

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.SupportTeam)
            .OnCommand(async turn => await turn.SendCardAsync(await RegisterAsync(1, string.Empty, turn.Aborted)), "leads", "lead register", "register of leads")
            .OnCommand(turn => turn.SendCardAsync(cards.EditForm(LeadForm.Empty())), "add lead", "add a lead")
            .OnCardAction(LeadVerbs.Page, async (turn, action) => CardActionResult.Replace(await RegisterAsync(action.GetInt("page") ?? 1, string.Empty, turn.Aborted)))
            .OnCardAction(LeadVerbs.Add, (_, _) => Task.FromResult(CardActionResult.Replace(cards.EditForm(LeadForm.Empty()))))
            .OnCardAction(LeadVerbs.Edit, EditAsync)
            .OnCardAction(LeadVerbs.Save, SaveAsync)
            .OnCardAction(LeadVerbs.Retire, AskToRetireAsync)
            .OnCardAction(LeadVerbs.ConfirmRetire, RetireAsync);

    private async Task<CardActionResult> EditAsync(ITurnContext turn, CardActionRequest action) =>
        await FindAsync(action, turn.Aborted) is { } entry
            ? CardActionResult.Replace(cards.EditForm(LeadForm.Of(entry), entry.Name))
            : CardActionResult.Message(LeadGone);

    private async Task<CardActionResult> SaveAsync(ITurnContext turn, CardActionRequest action)
    {
        var form = LeadForm.From(action);
        LeadEntry? existing = null;
        if (!form.IsNew && (existing = await register.FindAsync(form.PersonKey, turn.Aborted)) is null)
        {
            return CardActionResult.Message(LeadGone);
        }

        var card = cards.EditForm(form, existing?.Name ?? string.Empty);
        var person = form.IsNew && form.Person.Length > 0 ? await PersonNamedAsync(form.Person, turn.Aborted) : null;
        var problems = form.IsNew ? await ProblemsWithPersonAsync(form, person, turn.Aborted) : [];
        if (CardSubmission.Refusal(card, action.Submitted(), alsoWrong: problems) is { } refusal)
        {
            return refusal;
        }

        var today = UkTime.Today(clock);
        var roleTitle = PersonalDataScrubber.Scrub(form.RoleTitle, today);
        var organisation = PersonalDataScrubber.Scrub(form.Organisation, today);
        if (roleTitle.WasScrubbed || organisation.WasScrubbed)
        {
            var removed = PersonalDataScrubber.DescribeAll(roleTitle.Removed.Concat(organisation.Removed));
            return CardActionResult.Replace(cards.EditForm(form with { RoleTitle = roleTitle.Text, Organisation = organisation.Text }, existing?.Name ?? string.Empty, removed));
        }

        var details = new LeadDetails(roleTitle, organisation, form.OrganisationKind, SignalThemes.Parse(form.Specialties), form.AlertPreference);
        return existing is null
            ? await AddAsync(turn, action, form, person!, details)
            : await ChangeAsync(turn, existing, details);
    }

    private async Task<CardActionResult> AddAsync(ITurnContext turn, CardActionRequest action, LeadForm form, Person person, LeadDetails details)
    {
        var entry = LeadEntry.Create(details, person.Id, person.DisplayName, turn.Caller.PersonKey!, clock.GetUtcNow())
            with { AddedWith = form.FormId, EditedInTeams = true };
        var (added, outcome) = await register.AddAsync(entry, turn.Aborted);
        if (outcome == LeadAddOutcome.AlreadyInRegister)
        {
            // Someone else added them between the check and the write.
            return CardSubmission.Refusal(cards.EditForm(form), action.Submitted(), alsoWrong: [AlreadyThere(added)])!;
        }

        var notice = outcome == LeadAddOutcome.Reinstated
            ? $"{CardText.Literal(added.Name)} is back in the register."
            : $"Added {CardText.Literal(added.Name)} to the register.";
        return CardActionResult.Update(await RegisterAsync(1, notice, turn.Aborted));
    }

    private async Task<CardActionResult> ChangeAsync(ITurnContext turn, LeadEntry existing, LeadDetails details)
    {
        var change = await register.ChangeAsync(existing.PersonKey, current => current.Holds(details)
            ? new EntityDecision<LeadEntry>.Keep()
            : new EntityDecision<LeadEntry>.Write(current.WithDetails(details) with
            {
                EditedInTeams = true, UpdatedBy = turn.Caller.PersonKey!, UpdatedAt = clock.GetUtcNow(),
            }), turn.Aborted);
        if (change is null)
        {
            return CardActionResult.Message(LeadGone);
        }

        var notice = change.Changed ? $"Saved {CardText.Literal(change.Entity.Name)}'s entry." : $"Nothing changed in {CardText.Literal(change.Entity.Name)}'s entry.";
        return CardActionResult.Update(await RegisterAsync(1, notice, turn.Aborted));
    }

    private async Task<CardActionResult> AskToRetireAsync(ITurnContext turn, CardActionRequest action) =>
        await FindAsync(action, turn.Aborted) switch
        {
            null => CardActionResult.Message(LeadGone),
            { Retired: true } retired => CardActionResult.Replace(await RegisterAsync(1, $"{CardText.Literal(retired.Name)} is already retired.", turn.Aborted)),
            var entry => CardActionResult.Replace(cards.Retire(entry)),
        };

    private async Task<CardActionResult> RetireAsync(ITurnContext turn, CardActionRequest action)
    {
        var personKey = action.GetString("personKey");
        if (string.IsNullOrWhiteSpace(personKey))
        {
            return CardActionResult.Message(LeadGone);
        }

        var change = await register.ChangeAsync(personKey, current => current.Retired
            ? new EntityDecision<LeadEntry>.Keep()
            : new EntityDecision<LeadEntry>.Write(current.Retire(turn.Caller.PersonKey!, clock.GetUtcNow())), turn.Aborted);
        return change is null
            ? CardActionResult.Message(LeadGone)
            : CardActionResult.Update(await RegisterAsync(1, $"Retired {CardText.Literal(change.Entity.Name)}. Their entry is kept, marked retired.", turn.Aborted));
    }

    private async Task<IReadOnlyList<CardInputProblem>> ProblemsWithPersonAsync(LeadForm form, Person? person, CancellationToken cancellationToken)
    {
        if (form.Person.Length == 0)
        {
            return [];
        }

        if (person is null)
        {
            return [new CardInputProblem("person", "not found", "I can't find anyone with that email address or Entra object id in the people directory.")];
        }

        return await register.FindAsync(person.Id, cancellationToken) is { Retired: false } current && current.AddedWith != form.FormId
            ? [AlreadyThere(current)]
            : [];
    }

    private static CardInputProblem AlreadyThere(LeadEntry entry) =>
        new("person", "already in the register", $"{entry.Name} is already in the register: use Edit on their entry instead.");

    /// <summary>The person a key or an email address names in the people directory, or null.</summary>
    private async Task<Person?> PersonNamedAsync(string keyOrEmail, CancellationToken cancellationToken)
    {
        if (!keyOrEmail.Contains('@', StringComparison.Ordinal))
        {
            return await people.GetPersonAsync(LeadEntry.Normalise(keyOrEmail), cancellationToken);
        }

        var found = await people.FindAsync(keyOrEmail, max: 1, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    private async Task<LeadEntry?> FindAsync(CardActionRequest action, CancellationToken cancellationToken) =>
        action.GetString("personKey") is { } personKey && !string.IsNullOrWhiteSpace(personKey) ? await register.FindAsync(personKey, cancellationToken) : null;

    private async Task<System.Text.Json.Nodes.JsonObject> RegisterAsync(int page, string notice, CancellationToken cancellationToken) =>
        cards.Register(await register.ListAsync(cancellationToken), page, PageSize, notice);
}
