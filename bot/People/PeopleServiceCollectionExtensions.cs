using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>Stand-in until the people directory lands: the community's seeded people, in memory.</summary>
    public static IServiceCollection AddPeopleDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<IPeopleDirectory, SeededPeopleDirectory>();
        return services;
    }
}

/// <summary>Stand-in directory with the local community's people (scripts/playground/community.yml).</summary>
public sealed class SeededPeopleDirectory : IPeopleDirectory
{
    private const string Trust = "Harbour Lane Community Trust";
    private const string Priya = "0f6a2b9c-3d4e-4a51-8b7c-9e1d2f3a4b50";
    private const string Kwame = "9b5d3f7a-2c4e-4068-8b1d-7f3e5c9a2b48";
    private readonly ConcurrentDictionary<string, Person> _people = new(StringComparer.Ordinal);

    public SeededPeopleDirectory()
    {
        foreach (var person in new Person[]
        {
            new(Priya, "Priya Shah", "Community support team leader", Trust, "voluntary-sector", "priya.shah@community.example", true, PersonSource.Directory, null),
            new("1a7b3c0d-4e5f-4b62-9c8d-0f2e3a4b5c61", "Tom Okafor", "Support worker", Trust, "voluntary-sector", "tom.okafor@community.example", true, PersonSource.Directory, Priya),
            new("2b8c4d1e-5f60-4c73-8d9e-1a3f4b5c6d72", "Grace Lewis", "Volunteer coordinator", Trust, "voluntary-sector", "grace.lewis@community.example", true, PersonSource.Directory, Priya),
            new("3c9d5e2f-6071-4d84-9eaf-2b4a5c6d7e83", "Sam Patel", "Activities organiser", Trust, "voluntary-sector", "sam.patel@community.example", true, PersonSource.Directory, Priya),
            new("local:c4e8a2f6-0b1d-4e3a-9f57-2a6c8e0b4d19", "Margaret O'Neill", "Befriending volunteer, Tuesdays", Trust, "voluntary-sector", null, false, PersonSource.Directory, Priya),
            new("local:d5f9b3a7-1c2e-4f4b-8a68-3b7d9f1c5e2a", "Dev Raman", "Hospital discharge volunteer driver", Trust, "voluntary-sector", null, false, PersonSource.Directory, Priya),
            new(Kwame, "Kwame Mensah", "Ward manager", "Eastmoor Mental Health Trust", "mental-health-trust", "kwame.mensah@community.example", true, PersonSource.Directory, null),
            new("5e1f7a4b-8293-4fa6-90c1-4d6e7f8a9b05", "Ade Bello", "Healthcare assistant", "Eastmoor Mental Health Trust", "mental-health-trust", "ade.bello@community.example", true, PersonSource.Directory, Kwame),
            new("6f2a8b5c-93a4-40b7-a1d2-5e7f8a9b0c16", "Helen Marsh", "Staff nurse", "Eastmoor Mental Health Trust", "mental-health-trust", "helen.marsh@community.example", true, PersonSource.Directory, Kwame),
        })
        {
            _people[person.Id] = person;
        }
    }

    public Task<Person?> GetPersonAsync(string personId, CancellationToken cancellationToken) =>
        Task.FromResult(_people.GetValueOrDefault(personId));

    public Task<Person?> GetManagerAsync(string personId, CancellationToken cancellationToken) =>
        Task.FromResult(_people.GetValueOrDefault(personId)?.ManagerId is { } manager ? _people.GetValueOrDefault(manager) : null);

    public Task<IReadOnlyList<Person>> GetPeopleManagedByAsync(string managerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Person>>([.. _people.Values.Where(p => p.ManagerId == managerId)
            .OrderBy(p => p.Source == PersonSource.AddedByManager).ThenBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)]);

    public Task<bool> IsManagerOfAsync(string managerId, string personId, CancellationToken cancellationToken) =>
        Task.FromResult(_people.GetValueOrDefault(personId)?.ManagerId == managerId);

    public Task<Person> AddPersonAsync(string managerId, NewPerson person, CancellationToken cancellationToken)
    {
        var existing = _people.Values.FirstOrDefault(p => p.ManagerId == managerId && p.Source == PersonSource.AddedByManager
            && string.Equals(p.DisplayName, person.DisplayName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.Organisation, person.Organisation, StringComparison.OrdinalIgnoreCase));
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
        if (_people.TryGetValue(personId, out var person) && person.ManagerId == managerId && person.Source == PersonSource.AddedByManager)
        {
            _people.TryRemove(personId, out _);
        }

        return Task.CompletedTask;
    }
}
