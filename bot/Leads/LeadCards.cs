using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.Leads;

/// <summary>The register's cards, filled from entries. Text typed in Teams goes through <see cref="CardText.Literal"/>.</summary>
public sealed class LeadCards(CardCatalog catalog)
{
    private static readonly IReadOnlyList<LeadChoice> ThemeChoices = [.. SignalThemes.All.Select(t => new LeadChoice(t.Label, t.Id))];
    private static readonly IReadOnlyList<LeadChoice> PreferenceChoices = [.. AlertPreferences.All.Select(p => new LeadChoice(p.Label, p.Value))];
    private static readonly IReadOnlyList<LeadChoice> KindChoices = [.. LeadOrganisationKinds.All.Select(k => new LeadChoice(k.Label, k.Value))];

    public JsonObject Entry(LeadEntry entry) => catalog.Render(new LeadEntryCardData(
        CardText.Literal(entry.Name), CardText.Literal(entry.RoleTitle), CardText.Literal(entry.Organisation),
        string.Join(',', entry.SpecialtyIds()), entry.AlertPreference, ThemeChoices, PreferenceChoices));

    /// <summary>The confirmation that replaces the lead's card: what changed since <paramref name="before"/>, and the entry now.</summary>
    public JsonObject Saved(LeadEntry before, LeadEntry after)
    {
        var changes = ChangesBetween(before, after);
        return catalog.Render(new LeadEntrySavedCardData(
            changes.Count == 0 ? "Nothing changed: your entry already said this" : "Saved: your entry is up to date",
            changes, CardText.Literal(after.Name), CardText.Literal(after.RoleTitle), CardText.Literal(after.Organisation),
            Topics(after), Capitalised(AlertsText(after.AlertPreference))));
    }

    /// <summary>One page of the active leads, grouped by kind of organisation, with <paramref name="notice"/> on top.</summary>
    public JsonObject Register(IReadOnlyList<LeadEntry> entries, int page, int pageSize, string notice = "")
    {
        var active = entries.Where(e => !e.Retired)
            .OrderBy(e => LeadOrganisationKinds.OrderOf(e.OrganisationKind))
            .ThenBy(e => e.Name, StringComparer.InvariantCultureIgnoreCase)
            .ToList();
        var pages = Math.Max(1, (active.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = active.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var groups = shown.GroupBy(e => e.OrganisationKind)
            .Select(g => new LeadGroup(LeadOrganisationKinds.LabelOf(g.Key), [.. g.Select(ListItem)]))
            .ToList();
        var retired = entries.Count - active.Count;
        var pageText = active.Count == 0
            ? "The register is empty. Press Add a lead to start it."
            : $"Leads {(page - 1) * pageSize + 1} to {(page - 1) * pageSize + shown.Count} of {active.Count}, page {page} of {pages}.";
        var retiredText = retired switch
        {
            0 => string.Empty,
            1 => "1 retired entry is kept for history.",
            _ => $"{retired} retired entries are kept for history.",
        };
        return catalog.Render(new LeadRegisterCardData(notice, pageText, groups, retiredText, page > 1, page < pages, page - 1, page + 1));
    }

    /// <summary>The add or edit form holding <paramref name="form"/>; <paramref name="name"/> is the lead's name when editing.</summary>
    public JsonObject EditForm(LeadForm form, string name = "", string removed = "") => catalog.Render(new LeadEditCardData(
        form.IsNew ? "Add a lead" : $"Change {CardText.Literal(name)}'s entry", form.IsNew, CardText.Literal(name), removed,
        form.Person, form.RoleTitle, form.Organisation, form.OrganisationKind, form.Specialties, form.AlertPreference, form.PersonKey, form.FormId,
        KindChoices, ThemeChoices, PreferenceChoices));

    public JsonObject Retire(LeadEntry entry) => catalog.Render(new LeadRetireCardData(
        CardText.Literal(entry.Name), CardText.Literal(entry.RoleTitle), CardText.Literal(entry.Organisation), Topics(entry), entry.PersonKey));

    internal static IReadOnlyList<LeadChange> ChangesBetween(LeadEntry before, LeadEntry after)
    {
        var changes = new List<LeadChange>();
        var added = after.SpecialtyIds().Except(before.SpecialtyIds()).ToList();
        var removed = before.SpecialtyIds().Except(after.SpecialtyIds()).ToList();
        if (added.Count > 0)
        {
            changes.Add(new LeadChange("Topics added: " + Labels(added)));
        }

        if (removed.Count > 0)
        {
            changes.Add(new LeadChange("Topics removed: " + Labels(removed)));
        }

        if (before.AlertPreference != after.AlertPreference)
        {
            changes.Add(new LeadChange($"Feedback now reaches you {AlertsText(after.AlertPreference)} (it was {AlertsText(before.AlertPreference)})"));
        }

        return changes;
    }

    private static LeadListItem ListItem(LeadEntry entry) => new(
        CardText.Literal(entry.Name), CardText.Literal(entry.RoleTitle), CardText.Literal(entry.Organisation), Topics(entry),
        AlertsText(entry.AlertPreference), entry.PersonKey);

    private static string Topics(LeadEntry entry) => Labels(entry.SpecialtyIds());

    private static string Labels(IEnumerable<string> ids) => string.Join(", ", ids.Select(SignalThemes.LabelOf));

    private static string AlertsText(string preference) => preference == AlertPreferences.StraightAway ? "straight away" : "once a week";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
