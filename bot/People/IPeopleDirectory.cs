namespace LearningBot.People;

public enum PersonSource { Graph, Directory, AddedByManager }

public sealed record Person(string Id, string DisplayName, string? JobTitle, string? Organisation, string? OrganisationKind,
    string? Email, bool UsesTeams, PersonSource Source, string? ManagerId);

public sealed record NewPerson(string DisplayName, string? JobTitle, string? Organisation, string? OrganisationKind);

public interface IPeopleDirectory
{
    Task<Person?> GetPersonAsync(string personId, CancellationToken cancellationToken);

    Task<Person?> GetManagerAsync(string personId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Person>> GetPeopleManagedByAsync(string managerId, CancellationToken cancellationToken);

    Task<bool> IsManagerOfAsync(string managerId, string personId, CancellationToken cancellationToken);

    Task<Person> AddPersonAsync(string managerId, NewPerson person, CancellationToken cancellationToken);

    Task RemoveAddedPersonAsync(string managerId, string personId, CancellationToken cancellationToken);
}
