using System.Runtime.Serialization;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.Leads;

/// <summary>
/// A row of the <c>LeadRegister</c> table (partition <c>lead</c>, row key the person key): one clinical, occupational,
/// L&amp;D or network lead, the themes that should reach them and how often. A retired lead keeps their row, so what
/// reached whom stays explainable. The role title and organisation are typed in Teams, so they are set only from
/// <see cref="ScrubbedText"/>, through <see cref="Create"/> and <see cref="WithDetails"/>.
/// </summary>
public sealed record LeadEntry : TableRow
{
    public const string Partition = "lead";

    public const string LearningLeadKind = "ld-lead";

    public string PersonKey { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string RoleTitle { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string Organisation { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string OrganisationKind { get; init; } = string.Empty;

    /// <summary>Theme ids (<see cref="SignalThemes"/>), comma-separated; read them with <see cref="SpecialtyIds"/>.</summary>
    public string Specialties { get; init; } = string.Empty;

    public string AlertPreference { get; init; } = AlertPreferences.Weekly;

    /// <summary>The who's-who kind (<c>ld-lead</c>, <c>clinical-lead</c>, ...), when seeded: tells an organisation's L&amp;D lead from the others.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>Whether this is an organisation's L&amp;D lead, who hears of every theme raised in their kind of organisation.</summary>
    [IgnoreDataMember]
    public bool IsLearningLead => Kind == LearningLeadKind;

    public bool Retired { get; init; }

    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>The who's-who id the entry was seeded from, or null for a lead added in Teams.</summary>
    public string? WhosWhoId { get; init; }

    /// <summary>Changed in Teams by the lead or the L&amp;D Support Team: seeding never overwrites it again.</summary>
    public bool EditedInTeams { get; init; }

    /// <summary>The add form the entry came from, so pressing Add twice finds the first press's entry.</summary>
    public string? AddedWith { get; init; }

    public string UpdatedBy { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; init; }

    public IReadOnlyList<string> SpecialtyIds() => SignalThemes.Parse(Specialties);

    public static string RowKeyFor(string personKey) => TableKeys.Encode(Normalise(personKey));

    /// <summary>Entra object ids in lower case, as Teams sends them; other keys as they are.</summary>
    public static string Normalise(string personKey) =>
        Guid.TryParse(personKey, out var id) ? id.ToString("D") : personKey.Trim();

#pragma warning disable LB0001 // The two ways the role title and organisation get in: from ScrubbedText.
    public static LeadEntry Create(LeadDetails details, string personKey, string name, string updatedBy, DateTimeOffset updatedAt) => new()
    {
        PartitionKey = Partition,
        RowKey = RowKeyFor(personKey),
        PersonKey = Normalise(personKey),
        Name = name,
        RoleTitle = details.RoleTitle.Text,
        Organisation = details.Organisation.Text,
        OrganisationKind = details.OrganisationKind,
        Specialties = string.Join(',', details.Specialties),
        AlertPreference = details.AlertPreference,
        UpdatedBy = updatedBy,
        UpdatedAt = updatedAt,
    };

    public LeadEntry WithDetails(LeadDetails details) => this with
    {
        RoleTitle = details.RoleTitle.Text,
        Organisation = details.Organisation.Text,
        OrganisationKind = details.OrganisationKind,
        Specialties = string.Join(',', details.Specialties),
        AlertPreference = details.AlertPreference,
    };
#pragma warning restore LB0001

    /// <summary>The lead's own change of themes and alerts.</summary>
    public LeadEntry WithChoices(IReadOnlyList<string> specialties, string alertPreference, string by, DateTimeOffset at) => this with
    {
        Specialties = string.Join(',', SignalThemes.Known(specialties)),
        AlertPreference = alertPreference,
        EditedInTeams = true,
        UpdatedBy = by,
        UpdatedAt = at,
    };

    public LeadEntry Retire(string by, DateTimeOffset at) =>
        this with { Retired = true, RetiredAt = at, EditedInTeams = true, UpdatedBy = by, UpdatedAt = at };

    /// <summary>Whether the details it would take are already what it holds.</summary>
    public bool Holds(LeadDetails details) =>
        RoleTitle == details.RoleTitle.Text && Organisation == details.Organisation.Text && OrganisationKind == details.OrganisationKind
        && SpecialtyIds().SequenceEqual(details.Specialties) && AlertPreference == details.AlertPreference;
}

/// <summary>What the L&amp;D Support Team (or the who's who) says about a lead, the free text already scrubbed.</summary>
public sealed record LeadDetails(
    ScrubbedText RoleTitle, ScrubbedText Organisation, string OrganisationKind, IReadOnlyList<string> Specialties, string AlertPreference);
