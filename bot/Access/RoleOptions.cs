using System.ComponentModel.DataAnnotations;
using LearningBot.Connector.Hosting;

namespace LearningBot.Access;

/// <summary>
/// Who holds which role (section <c>Roles</c>): each entry an Entra object id (a GUID) or a Teams user id
/// (<c>29:…</c>). Which lists count towards which role is in <see cref="Roles"/>.
/// </summary>
public sealed record RoleOptions : IValidatableObject
{
    public const string Section = "Roles";

    public IReadOnlyList<string> SupportTeam { get; init; } = [];

    public IReadOnlyList<string> Experts { get; init; } = [];

    public IReadOnlyList<string> LiaisonStaff { get; init; } = [];

    public IReadOnlyList<string> Moderators { get; init; } = [];

    public IReadOnlyList<string> GoodPracticeEditors { get; init; } = [];

    public IReadOnlyList<string> DigestEditors { get; init; } = [];

    public IReadOnlyList<string> DigestApprovers { get; init; } = [];

    public IReadOnlyList<string> Leads { get; init; } = [];

    public IReadOnlyList<string> HeadOfSupportTeam { get; init; } = [];
    public IReadOnlyList<string> Board { get; init; } = [];

    /// <summary>The configured list for a role (empty for a role no list names).</summary>
    public IReadOnlyList<string> ListFor(Role role) =>
        role == Roles.SupportTeam ? SupportTeam
        : role == Roles.Expert ? Experts
        : role == Roles.Liaison ? LiaisonStaff
        : role == Roles.Moderator ? Moderators
        : role == Roles.GoodPracticeEditor ? GoodPracticeEditors
        : role == Roles.DigestEditor ? DigestEditors
        : role == Roles.DigestApprover ? DigestApprovers
        : role == Roles.Lead ? Leads
        : role == Roles.HeadOfSupportTeam ? HeadOfSupportTeam
        : role == Roles.Board ? Board
        : [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var lists = new[]
        {
            (nameof(SupportTeam), SupportTeam), (nameof(Experts), Experts), (nameof(LiaisonStaff), LiaisonStaff),
            (nameof(Moderators), Moderators), (nameof(GoodPracticeEditors), GoodPracticeEditors),
            (nameof(DigestEditors), DigestEditors), (nameof(DigestApprovers), DigestApprovers),
            (nameof(Leads), Leads), (nameof(HeadOfSupportTeam), HeadOfSupportTeam), (nameof(Board), Board),
        };
        foreach (var (name, list) in lists)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(list[i]))
                {
                    yield return new($"{Section}:{name}:{i} is empty: give an Entra object id or a Teams user id.", [name]);
                }
            }
        }
    }
}
