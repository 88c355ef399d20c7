using LearningBot.Connector.Hosting;

namespace LearningBot.Access;

/// <summary>
/// A source of role holders that lives with a capability rather than in configuration, such as the team that owns the
/// expert channel or a register of leads. <see cref="RolePolicy"/> asks every source registered for the role.
/// </summary>
public interface IRoleMembers
{
    Role Role { get; }

    ValueTask<bool> IncludesAsync(Caller caller, CancellationToken cancellationToken);
}
