using System.Text.Json.Serialization;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>A named contact in the learning directory (who's who).</summary>
public sealed record Person(
    string Id,
    string Name,
    string Role,
    string Kind,
    string Organisation,
    string OrganisationKind,
    string? Specialty,
    string? Email,
    string? Phone,
    IReadOnlyList<string> Topics);

/// <summary>A cross-organisation network (clinical or occupational leads, peer groups).</summary>
public sealed record LearningNetwork(string Id, string Name, string Purpose, string Lead, string HowToJoin);

/// <summary>The whole who's-who file.</summary>
public sealed record WhosWho(
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("people")] IReadOnlyList<Person> People,
    [property: JsonPropertyName("networks")] IReadOnlyList<LearningNetwork> Networks)
{
    public static WhosWho Empty { get; } = new(null, [], []);
}

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
