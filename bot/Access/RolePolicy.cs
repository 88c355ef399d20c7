using System.Collections.Frozen;
using LearningBot.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace LearningBot.Access;

/// <summary>
/// The one place that decides who holds a role: the caller is matched by Entra object id or Teams user id against the
/// role's list in configuration (a <see cref="Caller"/> has either only when an accepted Teams activity gave it, never on
/// another channel), then against the roles that include it (the support team holds every L&amp;D role
/// except digest approval), then by Entra ID security group (<c>Roles:Groups</c>, the same lists and the same included
/// roles; asked through <see cref="IGroupMembership"/> only when a group is configured for them, and only for a caller
/// with an Entra object id), then against the capabilities' own sources (<see cref="IRoleMembers"/>). Never from
/// anything a card sent back.
/// </summary>
public sealed class RolePolicy : IRoleCheck
{
    /// <summary>Roles whose holders also hold the key role.</summary>
    private static readonly FrozenDictionary<string, Role[]> IncludedRoles = new Dictionary<string, Role[]>
    {
        [Roles.Expert.Name] = [Roles.SupportTeam],
        [Roles.Liaison.Name] = [Roles.SupportTeam],
        [Roles.Moderator.Name] = [Roles.SupportTeam],
        [Roles.GoodPracticeEditor.Name] = [Roles.SupportTeam],
        [Roles.DigestEditor.Name] = [Roles.SupportTeam],
        [Roles.SignalReports.Name] = [Roles.SupportTeam, Roles.Board],
        [Roles.PracticeSpread.Name] = [Roles.SupportTeam, Roles.Board],
        [Roles.DirectoryEditor.Name] = [Roles.SupportTeam],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly IOptionsMonitor<RoleOptions> _options;
    private readonly FrozenDictionary<string, IRoleMembers[]> _sources;
    private readonly IGroupMembership _groups;

    public RolePolicy(IOptionsMonitor<RoleOptions> options, IEnumerable<IRoleMembers> sources, IGroupMembership groups)
    {
        _options = options;
        _groups = groups;
        _sources = sources.GroupBy(source => source.Role.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);
    }

    public async ValueTask<bool> HoldsAsync(Caller caller, Role role, CancellationToken cancellationToken)
    {
        if (!caller.IsKnown)
        {
            return false;
        }

        if (IsListed(caller, role) || IncludedRoles.GetValueOrDefault(role.Name, []).Any(included => IsListed(caller, included)))
        {
            return true;
        }

        if (await InGroupAsync(caller, role, cancellationToken))
        {
            return true;
        }

        foreach (var source in _sources.GetValueOrDefault(role.Name, []))
        {
            if (await source.IncludesAsync(caller, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether configuration lists the caller for the role, by Entra object id or by Teams user id.</summary>
    public bool IsListed(Caller caller, Role role)
    {
        var list = _options.CurrentValue.ListFor(role);
        return list.Count > 0 && (Contains(list, caller.AadObjectId) || Contains(list, caller.TeamsId));
    }

    /// <summary>
    /// Whether the caller is in a group configured for the role or a role that includes it. One question covers every
    /// configured group of every role, so the answer remembered for the caller serves all their role checks.
    /// </summary>
    private async ValueTask<bool> InGroupAsync(Caller caller, Role role, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var groups = options.GroupsFor(role)
            .Concat(IncludedRoles.GetValueOrDefault(role.Name, []).SelectMany(options.GroupsFor))
            .ToList();
        if (groups.Count == 0 || caller.AadObjectId is not { Length: > 0 } entraObjectId)
        {
            return false;
        }

        var memberOf = await _groups.MemberOfAsync(entraObjectId, options.AllGroups(), cancellationToken);
        return memberOf.Any(member => groups.Contains(member, StringComparer.OrdinalIgnoreCase));
    }

    private static bool Contains(IReadOnlyList<string> list, string? id) =>
        id is { Length: > 0 } && list.Any(entry => string.Equals(entry.Trim(), id, StringComparison.OrdinalIgnoreCase));
}
