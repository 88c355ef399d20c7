using LearningBot.Connector.Hosting;

namespace LearningBot.Leads;

/// <summary>
/// What the L&amp;D Support Team's lead form holds or sent back: for a new lead <see cref="PersonKey"/> is empty and
/// <see cref="Person"/> names them (person key or email); <see cref="FormId"/> tells one add form from another.
/// </summary>
public sealed record LeadForm(
    string Person, string RoleTitle, string Organisation, string OrganisationKind, string Specialties, string AlertPreference,
    string PersonKey, string FormId)
{
    public bool IsNew => PersonKey.Length == 0;

    public static LeadForm Empty() =>
        new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, AlertPreferences.Weekly, string.Empty, Guid.NewGuid().ToString("N"));

    public static LeadForm Of(LeadEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(string.Empty, entry.RoleTitle, entry.Organisation, entry.OrganisationKind, entry.Specialties, entry.AlertPreference, entry.PersonKey, string.Empty);
    }

    public static LeadForm From(CardActionRequest action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new(
            Value(action, "person"), Value(action, "roleTitle"), Value(action, "organisation"), Value(action, "organisationKind"),
            Value(action, "specialties"), Value(action, "alertPreference"), Value(action, "personKey"), Value(action, "formId"));
    }

    private static string Value(CardActionRequest action, string name) => action.GetString(name)?.Trim() ?? string.Empty;
}
