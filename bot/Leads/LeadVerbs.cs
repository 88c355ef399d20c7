namespace LearningBot.Leads;

/// <summary>The buttons of the register's cards (shapes in <see cref="LeadEntryFeature"/> and <see cref="LeadRegisterFeature"/>).</summary>
public static class LeadVerbs
{
    /// <summary>A lead's own entry, shown again.</summary>
    public const string Entry = "lead.entry";

    /// <summary>A lead saves their own topics and alerts.</summary>
    public const string SaveOwn = "lead.save";

    public const string Page = "leads.page";
    public const string Add = "leads.add";
    public const string Edit = "leads.edit";
    public const string Save = "leads.save";
    public const string Retire = "leads.retire";
    public const string ConfirmRetire = "leads.retire.confirm";
}
