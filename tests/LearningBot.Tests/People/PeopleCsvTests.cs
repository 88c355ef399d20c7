using LearningBot.People;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.People;

public sealed class PeopleCsvTests
{
    private const string Header = "id,displayName,jobTitle,organisation,organisationKind,email,usesTeams,managerId\n";

    [Fact]
    public void Reads_people_with_blank_fields_as_missing()
    {
        var people = PeopleCsv.Parse(Header +
            "local:1,\" Margaret O'Neill \",\"Befriending volunteer, Tuesdays\",Harbour Lane,voluntary-sector,,false,m-1\n");

        var person = Assert.Single(people);
        Assert.Equal(new Person("local:1", "Margaret O'Neill", "Befriending volunteer, Tuesdays", "Harbour Lane", "voluntary-sector",
            Email: null, UsesTeams: false, PersonSource.Directory, "m-1"), person);
    }

    [Fact]
    public void Accepts_columns_in_any_order_and_case()
    {
        var people = PeopleCsv.Parse("DisplayName,ID,usesteams,managerId,email,organisationKind,organisation,jobTitle\nAde Bello,a-1,TRUE,,,,,\n");

        Assert.Equal(("a-1", "Ade Bello", true, (string?)null), (people[0].Id, people[0].DisplayName, people[0].UsesTeams, people[0].ManagerId));
    }

    [Theory]
    [InlineData("id,displayName\n", "Line 1: the header row lacks the column(s) jobTitle, organisation")]
    [InlineData(Header + ",Nameless Id,,,,,false,\n", "Line 2: the id is empty.")]
    [InlineData(Header + "p-1,,,,,,false,\n", "Line 2: the displayName is empty.")]
    [InlineData(Header + "p-1,A,,,hospital,,false,\n", "Line 2: organisationKind 'hospital' is not one of")]
    [InlineData(Header + "p-1,A,,,,,maybe,\n", "Line 2: usesTeams must be true or false, not 'maybe'.")]
    [InlineData(Header + "p-1,A,,,,,,\n\np-1,B,,,,,,\n", "Line 4: the id 'p-1' is used twice.")]
    [InlineData("", "The people file is empty")]
    public void Rejects_a_file_people_cannot_rely_on_with_the_line_to_fix(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => PeopleCsv.Parse(text));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_file_makes_the_playground_users_managers()
    {
        var people = PeopleCsv.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "people", "people.csv")));
        string[] Managed(string managerId) => [.. people.Where(person => person.ManagerId == managerId).Select(person => person.DisplayName).Order()];

        Assert.Equal(["Dev Raman", "Grace Lewis", "Margaret O'Neill", "Sam Patel", "Tom Okafor"], Managed(SeedIds.PriyaShah));
        Assert.Equal(["Adele Vance", "Isaiah Langer", "Lynne Robbins", "Megan Bowen", "Patti Fernandez", "Rose Adeyemi"], Managed(SeedIds.AlexWilber));
        Assert.Equal(["Ade Bello", "Helen Marsh"], Managed(SeedIds.KwameMensah));
        Assert.Equal(["Bill Turner", "Farah Ali"], Managed(SeedIds.GraceLewis));
        Assert.All(people.Where(person => !person.UsesTeams), person => Assert.StartsWith("local:", person.Id, StringComparison.Ordinal));
        Assert.All(people, person => Assert.NotNull(person.OrganisationKind));
    }

    [Fact]
    public void Seed_file_uses_the_ids_the_playground_sends()
    {
        var root = RepoPaths.Root;
        var seed = PeopleCsv.Parse(File.ReadAllText(Path.Combine(root, "people", "people.csv"))).Select(person => person.Id).ToHashSet();
        var community = File.ReadAllText(Path.Combine(root, "scripts", "playground", "community.yml"));
        var communityIds = community.Split('\n').Select(line => line.Trim())
            .Where(line => line.StartsWith("aadObjectId:", StringComparison.Ordinal))
            .Select(line => line["aadObjectId:".Length..].Trim())
            .ToList();

        Assert.Equal(6, communityIds.Count);
        Assert.All(communityIds, id => Assert.Contains(id, seed));
        Assert.Contains(SeedIds.AlexWilber, seed);
    }
}

/// <summary>Ids from <c>people/people.csv</c> the tests rely on.</summary>
internal static class SeedIds
{
    public const string PriyaShah = "0f6a2b9c-3d4e-4a51-8b7c-9e1d2f3a4b50";
    public const string TomOkafor = "1a7b3c0d-4e5f-4b62-9c8d-0f2e3a4b5c61";
    public const string GraceLewis = "2b8c4d1e-5f60-4c73-8d9e-1a3f4b5c6d72";
    public const string JoanWhitfield = "8a4c2e6f-1b3d-4f57-9a0c-6e2d4b8f1a37";
    public const string KwameMensah = "9b5d3f7a-2c4e-4068-8b1d-7f3e5c9a2b48";
    public const string AdeBello = "5e1f7a4b-8293-4fa6-90c1-4d6e7f8a9b05";
    public const string AlexWilber = "00000000-0000-0000-0000-0000000000020";
    public const string MargaretONeill = "local:c4e8a2f6-0b1d-4e3a-9f57-2a6c8e0b4d19";
}
