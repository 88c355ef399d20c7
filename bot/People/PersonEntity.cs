using LearningBot.Storage;

namespace LearningBot.People;

/// <summary>
/// A row of the <c>People</c> table. The same shape serves two partitions: <c>person</c> (one row per person, keyed by
/// id) and <c>manages|&lt;managerId&gt;</c> (a copy per managed person, so a manager's list is one partition query).
/// </summary>
public sealed record PersonEntity : TableRow
{
    public string PersonId { get; init; } = string.Empty;
    public string DisplayName { get; init; } = string.Empty;
    public string? JobTitle { get; init; }
    public string? Organisation { get; init; }
    public string? OrganisationKind { get; init; }
    public string? Email { get; init; }
    public bool UsesTeams { get; init; }
    public PersonSource Source { get; init; }
    public string? ManagerId { get; init; }

    public static PersonEntity From(Person person, string partitionKey) => new()
    {
        PartitionKey = partitionKey,
        RowKey = TableKeys.Encode(person.Id),
        PersonId = person.Id,
        DisplayName = person.DisplayName,
        JobTitle = person.JobTitle,
        Organisation = person.Organisation,
        OrganisationKind = person.OrganisationKind,
        Email = person.Email,
        UsesTeams = person.UsesTeams,
        Source = person.Source,
        ManagerId = person.ManagerId,
    };

    public Person ToPerson() =>
        new(PersonId, DisplayName, JobTitle, Organisation, OrganisationKind, Email, UsesTeams, Source, ManagerId);
}
