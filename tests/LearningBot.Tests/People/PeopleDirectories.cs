using LearningBot.People;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningBot.Tests.People;

/// <summary>Builds people directories on fresh Azurite tables for the tests.</summary>
internal static class PeopleDirectories
{
    public static string ShippedSeedFile => Path.Combine(RepoPaths.Root, "people", "people.csv");

    /// <summary>A table directory on a new table, seeded (on first use) from <paramref name="seedFile"/> if given.</summary>
    public static TablePeopleDirectory Table(AzuriteFixture azurite, string? seedFile = null, string? tableName = null) =>
        new(azurite.Storage, new PeopleOptions { TableName = tableName ?? AzuriteFixture.NewTableName("people") },
            new PeopleSeedFile(seedFile), NullLogger<TablePeopleDirectory>.Instance);

    /// <summary>Writes <paramref name="rows"/> under the CSV header into a temp file and returns its path.</summary>
    public static string WriteSeed(params string[] rows)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("people-").FullName, "people.csv");
        File.WriteAllText(path, "id,displayName,jobTitle,organisation,organisationKind,email,usesTeams,managerId\n" + string.Join('\n', rows));
        return path;
    }
}
