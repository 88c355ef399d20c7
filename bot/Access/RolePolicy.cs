using System.Collections.Frozen;
using LearningBot.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace LearningBot.Access;

/// <summary>
/// The one place that decides who holds a role: the caller is matched by Entra object id or Teams user id against the
/// role's list in configuration (a <see cref="Caller"/> has either only when an accepted Teams activity gave it, never on
/// another channel), then against the roles that include it (the support team holds every L&amp;D role
/// except digest approval), then against the capabilities' own sources (<see cref="IRoleMembers"/>). Never from
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
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly IOptionsMonitor<RoleOptions> _options;
    private readonly FrozenDictionary<string, IRoleMembers[]> _sources;

    public RolePolicy(IOptionsMonitor<RoleOptions> options, IEnumerable<IRoleMembers> sources)
    {
        _options = options;
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

    private static bool Contains(IReadOnlyList<string> list, string? id) =>
        id is { Length: > 0 } && list.Any(entry => string.Equals(entry.Trim(), id, StringComparison.OrdinalIgnoreCase));
}
