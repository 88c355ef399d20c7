using System.ComponentModel.DataAnnotations;
using LearningBot.Connector.Hosting;

namespace LearningBot.Access;

/// <summary>
/// Who holds which role (section <c>Roles</c>): each entry an Entra object id (a GUID) or a Teams user id
/// (<c>29:…</c>); and, under <c>Roles:Groups</c>, Entra ID security groups (object ids) whose members hold the role too,
/// named by the same list names (<c>Roles:Groups:SupportTeam:0</c>). Which lists count towards which role is in
/// <see cref="Roles"/>.
/// </summary>
public sealed record RoleOptions : IValidatableObject
{
    public const string Section = "Roles";

    /// <summary>Graph's <c>checkMemberGroups</c> takes at most this many groups a call.</summary>
    public const int MaxGroupsPerCall = 20;

    /// <summary>Each list name in configuration and the role it names.</summary>
    private static readonly (string ListName, Role Role)[] ListNames =
    [
        (nameof(SupportTeam), Roles.SupportTeam), (nameof(Experts), Roles.Expert), (nameof(LiaisonStaff), Roles.Liaison),
        (nameof(Moderators), Roles.Moderator), (nameof(GoodPracticeEditors), Roles.GoodPracticeEditor),
        (nameof(DigestEditors), Roles.DigestEditor), (nameof(DigestApprovers), Roles.DigestApprover),
        (nameof(Leads), Roles.Lead), (nameof(HeadOfSupportTeam), Roles.HeadOfSupportTeam), (nameof(Board), Roles.Board),
    ];

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

    /// <summary>Entra ID security groups by list name (<c>Roles:Groups:&lt;list&gt;:&lt;n&gt;</c>), each an object id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// How long the groups a person is in are remembered. Each instance of the bot remembers on its own, so a change of
    /// membership in Entra ID reaches every instance within this time: that is the consistency the roles promise.
    /// </summary>
    public TimeSpan GroupCacheDuration { get; init; } = TimeSpan.FromMinutes(5);

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

    /// <summary>The object ids of the groups whose members hold the role (empty for a role no list names).</summary>
    public IEnumerable<string> GroupsFor(Role role) =>
        Groups.Where(pair => ListNames.Any(list => list.Role == role && string.Equals(list.ListName, pair.Key, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(pair => pair.Value)
            .Select(group => group.Trim());

    /// <summary>Every configured group of every role, each once, in a stable order.</summary>
    public IReadOnlyList<string> AllGroups() =>
        [.. Groups.Values.SelectMany(list => list).Select(group => group.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public bool HasGroups => Groups.Values.Any(list => list.Count > 0);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, role) in ListNames)
        {
            var list = ListFor(role);
            for (var i = 0; i < list.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(list[i]))
                {
                    yield return new($"{Section}:{name}:{i} is empty: give an Entra object id or a Teams user id.", [name]);
                }
            }
        }

        foreach (var problem in ValidateGroups())
        {
            yield return problem;
        }

        if (GroupCacheDuration < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(GroupCacheDuration)} must not be negative.", [nameof(GroupCacheDuration)]);
        }
    }

    private IEnumerable<ValidationResult> ValidateGroups()
    {
        foreach (var (name, groups) in Groups)
        {
            if (!ListNames.Any(list => string.Equals(list.ListName, name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return new(
                    $"{Section}:{nameof(Groups)}:{name} names no role list: use one of {string.Join(", ", ListNames.Select(list => list.ListName))}.",
                    [nameof(Groups)]);
            }

            for (var i = 0; i < groups.Count; i++)
            {
                if (!Guid.TryParse(groups[i], out _))
                {
                    yield return new(
                        $"{Section}:{nameof(Groups)}:{name}:{i} must be the object id of an Entra ID security group, a GUID such as " +
                        "0b4c3a6e-8f1d-4a2b-9c7e-5d6f7a8b9c0d (Entra admin centre, Groups, the group's Overview); " +
                        $"'{groups[i]}' is not one.",
                        [nameof(Groups)]);
                }
            }
        }
    }
}
