namespace LearningBot.Access;

/// <summary>Which of some Entra ID security groups a person is in, nested membership included.</summary>
public interface IGroupMembership
{
    /// <summary>
    /// Those of <paramref name="groupIds"/> that the person with Entra object id <paramref name="entraObjectId"/> is in;
    /// none when that cannot be found out (fail closed), never an exception but cancellation.
    /// </summary>
    ValueTask<IReadOnlySet<string>> MemberOfAsync(string entraObjectId, IReadOnlyList<string> groupIds, CancellationToken cancellationToken);
}
