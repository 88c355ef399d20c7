namespace LearningBot.Connector.Hosting;

/// <summary>Decides whether the caller holds a role: the one question the router and capabilities ask about permissions.</summary>
public interface IRoleCheck
{
    ValueTask<bool> HoldsAsync(Caller caller, Role role, CancellationToken cancellationToken);
}
