namespace LearningBot.OneStopShop.Knowledge;

/// <summary>The kinds of role and organisation the directory knows.</summary>
public static class DirectoryKinds
{
    public const string LdLead = "ld-lead";
    public const string ClinicalLead = "clinical-lead";
    public const string OccupationalLead = "occupational-lead";
    public const string NetworkLead = "network-lead";
    public const string LdSupport = "ld-support";

    public static IReadOnlySet<string> RoleKinds { get; } =
        new HashSet<string>([LdLead, ClinicalLead, OccupationalLead, NetworkLead, LdSupport]);

    /// <summary>Organisation kind of people who serve every organisation (the L&amp;D Support Team).</summary>
    public const string AllOrganisations = "all";

    public static IReadOnlySet<string> OrganisationKinds { get; } = new HashSet<string>(
        ["primary-care", "acute-trust", "mental-health-trust", "ambulance-trust", "council", "voluntary-sector", "independent-sector", AllOrganisations]);
}
