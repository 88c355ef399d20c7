using LearningBot.Access;
using LearningBot.Connector.Hosting;

namespace LearningBot.Leads;

/// <summary>Everyone with an active entry in the register holds <see cref="Roles.Lead"/>; a retired lead no longer does.</summary>
public sealed class LeadRoleMembers(LeadRegister register) : IRoleMembers
{
    public Role Role => Roles.Lead;

    public async ValueTask<bool> IncludesAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await register.ActiveEntryOfAsync(caller, cancellationToken) is not null;
    }
}
