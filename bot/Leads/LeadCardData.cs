using LearningBot.Cards;

namespace LearningBot.Leads;

/// <summary>One option of a choice set.</summary>
public sealed record LeadChoice(string Title, string Value);

/// <summary>Data for <c>lead-entry</c>: "Is this still you?", with the lead's topics and alerts to change.</summary>
public sealed record LeadEntryCardData(
    string Name, string RoleTitle, string Organisation, string Specialties, string AlertPreference,
    IReadOnlyList<LeadChoice> ThemeChoices, IReadOnlyList<LeadChoice> PreferenceChoices) : ICardData
{
    public static string CardName => "lead-entry";
}

/// <summary>One line of what a save changed.</summary>
public sealed record LeadChange(string Text);

/// <summary>Data for <c>lead-entry-saved</c>: what changed, and the entry as it now stands.</summary>
public sealed record LeadEntrySavedCardData(
    string Headline, IReadOnlyList<LeadChange> Changes, string Name, string RoleTitle, string Organisation, string Topics, string Alerts) : ICardData
{
    public static string CardName => "lead-entry-saved";
}

/// <summary>A lead as the register card lists them.</summary>
public sealed record LeadListItem(string Name, string RoleTitle, string Organisation, string Topics, string Alerts, string PersonKey);

/// <summary>The leads of one kind of organisation on a page of the register.</summary>
public sealed record LeadGroup(string Title, IReadOnlyList<LeadListItem> Leads);

/// <summary>Data for <c>lead-register</c>: one page of active leads, grouped by kind of organisation.</summary>
public sealed record LeadRegisterCardData(
    string Notice, string PageText, IReadOnlyList<LeadGroup> Groups, string RetiredText,
    bool HasPrevious, bool HasNext, int PreviousPage, int NextPage) : ICardData
{
    public static string CardName => "lead-register";
}

/// <summary>Data for <c>lead-edit</c>: the L&amp;D Support Team's form to add a lead (<see cref="IsNew"/>) or change one.</summary>
public sealed record LeadEditCardData(
    string Title, bool IsNew, string Name, string Removed, string Person, string RoleTitle, string Organisation, string OrganisationKind,
    string Specialties, string AlertPreference, string PersonKey, string FormId,
    IReadOnlyList<LeadChoice> KindChoices, IReadOnlyList<LeadChoice> ThemeChoices, IReadOnlyList<LeadChoice> PreferenceChoices) : ICardData
{
    public static string CardName => "lead-edit";
}

/// <summary>Data for <c>lead-retire</c>: "Retire …?", asked before a lead is retired.</summary>
public sealed record LeadRetireCardData(string Name, string RoleTitle, string Organisation, string Topics, string PersonKey) : ICardData
{
    public static string CardName => "lead-retire";
}
