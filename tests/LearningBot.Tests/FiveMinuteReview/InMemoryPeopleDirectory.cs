using System.Collections.Concurrent;
using LearningBot.People;

namespace LearningBot.Tests.FiveMinuteReview;

/// <summary>A people directory the tests fill in: who exists and who manages whom.</summary>
public sealed class InMemoryPeopleDirectory : IPeopleDirectory
{
    private readonly ConcurrentDictionary<string, Person> _people = new(StringComparer.Ordinal);

    public Person Add(string id, string name, string? managerId, bool usesTeams = true, string organisation = "Harbour Lane Community Trust")
    {
        var person = new Person(id, name, "Support worker", organisation, "voluntary-sector", null, usesTeams,
            usesTeams ? PersonSource.Directory : PersonSource.AddedByManager, managerId);
        _people[id] = person;
        return person;
    }

    public void Move(string personId, string? newManagerId) => _people[personId] = _people[personId] with { ManagerId = newManagerId };

    public Task<Person?> GetPersonAsync(string personId, CancellationToken cancellationToken) => Task.FromResult(_people.GetValueOrDefault(personId));

    public IAsyncEnumerable<Person> EveryoneAsync(CancellationToken cancellationToken) => _people.Values.ToAsyncEnumerable();

    public Task<IReadOnlyList<Person>> FindAsync(string nameOrEmail, int max, CancellationToken cancellationToken)
    {
        var text = PersonSearch.Clean(nameOrEmail, max);
        return Task.FromResult(PersonSearch.InNameOrder(_people.Values.Where(person => PersonSearch.Matches(person, text)), max));
    }

    public Task<Person?> GetManagerAsync(string personId, CancellationToken cancellationToken) =>
        Task.FromResult(_people.GetValueOrDefault(personId)?.ManagerId is { } manager ? _people.GetValueOrDefault(manager) : null);

    public Task<IReadOnlyList<Person>> GetPeopleManagedByAsync(string managerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Person>>([.. _people.Values.Where(p => p.ManagerId == managerId)
            .OrderBy(p => p.Source == PersonSource.AddedByManager).ThenBy(p => p.DisplayName, StringComparer.Ordinal)]);

    public Task<bool> IsManagerOfAsync(string managerId, string personId, CancellationToken cancellationToken) =>
        Task.FromResult(_people.GetValueOrDefault(personId)?.ManagerId == managerId);

    public Task<Person> AddPersonAsync(string managerId, NewPerson person, CancellationToken cancellationToken)
    {
        var existing = _people.Values.FirstOrDefault(p => p.ManagerId == managerId && p.Source == PersonSource.AddedByManager && p.DisplayName == person.DisplayName && p.Organisation == person.Organisation);
        if (existing is not null)
        {
            return Task.FromResult(existing);
        }

        var added = new Person($"local:{Guid.NewGuid()}", person.DisplayName, person.JobTitle, person.Organisation, person.OrganisationKind, null, false, PersonSource.AddedByManager, managerId);
        _people[added.Id] = added;
        return Task.FromResult(added);
    }

    public Task RemoveAddedPersonAsync(string managerId, string personId, CancellationToken cancellationToken)
    {
        _people.TryRemove(personId, out _);
        return Task.CompletedTask;
    }
}
