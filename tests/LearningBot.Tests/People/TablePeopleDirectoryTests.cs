using LearningBot.People;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningBot.Tests.People;

public sealed class TablePeopleDirectoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Seeds_the_shipped_file_so_the_playground_user_manages_people_with_and_without_teams()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.ShippedSeedFile);

        var people = await directory.GetPeopleManagedByAsync(SeedIds.PriyaShah, None);

        Assert.Equal(["Dev Raman", "Grace Lewis", "Margaret O'Neill", "Sam Patel", "Tom Okafor"], people.Select(person => person.DisplayName));
        Assert.All(people, person => Assert.Equal((PersonSource.Directory, SeedIds.PriyaShah), (person.Source, person.ManagerId)));
        var margaret = Assert.Single(people, person => person.Id == SeedIds.MargaretONeill);
        Assert.Equal(("Befriending volunteer, Tuesdays", "Harbour Lane Community Trust, Befriending Service", false),
            (margaret.JobTitle, margaret.Organisation, margaret.UsesTeams));
        Assert.Equal(6, (await directory.GetPeopleManagedByAsync(SeedIds.AlexWilber, None)).Count);
    }

    [Fact]
    public async Task Everyone_is_each_person_once_and_not_their_copies_on_managers_lists()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.ShippedSeedFile);

        var everyone = new List<Person>();
        await foreach (var person in directory.EveryoneAsync(None))
        {
            everyone.Add(person);
        }

        Assert.Equal(19, everyone.Count);
        Assert.Equal(19, everyone.Select(person => person.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(4, everyone.Count(person => !person.UsesTeams));
    }

    [Fact]
    public async Task Finds_people_whose_name_has_every_word_typed_by_name_up_to_the_number_asked_for()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.WriteSeed(
            "p-zeller,Anna Zeller,,,,,true,m-1",
            "p-baker,Ann Baker,,,,ann.baker@community.example,true,m-1",
            "p-annan,Bob Annan,,,,,false,",
            "p-other,Carl Other,,,,,true,"));
        await directory.AddPersonAsync("m-1", new NewPerson("Annie Added", null, "Harbour Lane", null), None);

        var ann = await directory.FindAsync("ann", 10, None);
        var firstTwo = await directory.FindAsync("ANN", 2, None);
        var both = await directory.FindAsync("  baker   ann ", 10, None);

        Assert.Equal(["Ann Baker", "Anna Zeller", "Annie Added", "Bob Annan"], ann.Select(person => person.DisplayName));
        Assert.Equal(["Ann Baker", "Anna Zeller"], firstTwo.Select(person => person.DisplayName));
        Assert.Equal(["p-baker"], both.Select(person => person.Id));
        Assert.Empty(await directory.FindAsync("nobody", 10, None));
    }

    [Fact]
    public async Task Finds_a_person_by_their_whole_email_address_ignoring_case()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.ShippedSeedFile);

        var tom = await directory.FindAsync("Tom.Okafor@Community.Example", 5, None);

        Assert.Equal([SeedIds.TomOkafor], tom.Select(person => person.Id));
        Assert.Empty(await directory.FindAsync("okafor@community.example", 5, None));
    }

    [Fact]
    public async Task Quotes_and_backslashes_typed_find_names_that_have_them_and_break_nothing()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.WriteSeed(
            "p-peggy,\"Margaret \"\"Peggy\"\" O'Neill\",,,,,true,",
            "p-slash,Back\\Slash Name,,,,o'neill@community.example,true,"));

        Assert.Equal(["p-peggy"], (await directory.FindAsync("\"Peggy\"", 5, None)).Select(person => person.Id));
        Assert.Equal(["p-peggy"], (await directory.FindAsync("o'neill", 5, None)).Select(person => person.Id));
        Assert.Equal(["p-slash"], (await directory.FindAsync("k\\s", 5, None)).Select(person => person.Id));
        Assert.Equal(["p-slash"], (await directory.FindAsync("O'Neill@community.example", 5, None)).Select(person => person.Id));
        Assert.Empty(await directory.FindAsync("' or PartitionKey ne '", 5, None));
    }

    [Fact]
    public async Task Finds_a_person_and_their_manager()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.ShippedSeedFile);

        var tom = await directory.GetPersonAsync(SeedIds.TomOkafor, None);
        var manager = await directory.GetManagerAsync(SeedIds.TomOkafor, None);
        var top = await directory.GetManagerAsync(SeedIds.JoanWhitfield, None);

        Assert.Equal(new Person(SeedIds.TomOkafor, "Tom Okafor", "Support worker", "Harbour Lane Community Trust", "voluntary-sector",
            "tom.okafor@community.example", UsesTeams: true, PersonSource.Directory, SeedIds.PriyaShah), tom);
        Assert.Equal("Priya Shah", manager?.DisplayName);
        Assert.Null(top);
        Assert.Null(await directory.GetPersonAsync("nobody", None));
        Assert.Null(await directory.GetManagerAsync("nobody", None));
    }

    [Fact]
    public async Task Knows_who_manages_whom()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.ShippedSeedFile);

        Assert.True(await directory.IsManagerOfAsync(SeedIds.PriyaShah, SeedIds.TomOkafor, None));
        Assert.True(await directory.IsManagerOfAsync(SeedIds.PriyaShah, SeedIds.MargaretONeill, None));
        Assert.False(await directory.IsManagerOfAsync(SeedIds.PriyaShah, SeedIds.AdeBello, None));
        Assert.False(await directory.IsManagerOfAsync(SeedIds.TomOkafor, SeedIds.PriyaShah, None));
        Assert.True(await directory.IsManagerOfAsync(SeedIds.KwameMensah, SeedIds.AdeBello, None));
    }

    [Fact]
    public async Task Nobody_manages_an_empty_person_id_and_an_empty_manager_id_manages_nobody()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.ShippedSeedFile);

        Assert.False(await directory.IsManagerOfAsync(SeedIds.PriyaShah, string.Empty, None));
        Assert.False(await directory.IsManagerOfAsync(string.Empty, SeedIds.TomOkafor, None));
    }

    [Fact]
    public async Task Lists_direct_reports_first_then_people_the_manager_added_each_by_name()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.WriteSeed(
            "p-zoe,Zoe Adams,,,,,true,m-1",
            "p-ann,ann Baker,,,,,true,m-1",
            "p-other,Bob Other,,,,,true,m-2"));

        await directory.AddPersonAsync("m-1", new NewPerson("Yusuf Added", null, "Harbour Lane", null), None);
        await directory.AddPersonAsync("m-1", new NewPerson("Abi Added", "Volunteer", null, "voluntary-sector"), None);
        var people = await directory.GetPeopleManagedByAsync("m-1", None);

        Assert.Equal(["ann Baker", "Zoe Adams", "Abi Added", "Yusuf Added"], people.Select(person => person.DisplayName));
        Assert.Equal([PersonSource.Directory, PersonSource.Directory, PersonSource.AddedByManager, PersonSource.AddedByManager],
            people.Select(person => person.Source));
    }

    [Fact]
    public async Task Adds_someone_without_teams_who_can_then_be_found_and_managed()
    {
        var directory = PeopleDirectories.Table(azurite);

        var added = await directory.AddPersonAsync("m-1", new NewPerson(" Jo Bloggs ", " Volunteer driver ", "Harbour Lane", "voluntary-sector"), None);

        Assert.StartsWith("local:", added.Id, StringComparison.Ordinal);
        Assert.Equal(new Person(added.Id, "Jo Bloggs", "Volunteer driver", "Harbour Lane", "voluntary-sector", Email: null,
            UsesTeams: false, PersonSource.AddedByManager, "m-1"), added);
        Assert.Equal(added, await directory.GetPersonAsync(added.Id, None));
        Assert.True(await directory.IsManagerOfAsync("m-1", added.Id, None));
        Assert.False(await directory.IsManagerOfAsync("m-2", added.Id, None));
        Assert.Null((await directory.GetManagerAsync(added.Id, None)));
    }

    [Fact]
    public async Task Adding_the_same_person_twice_returns_the_first_even_when_both_arrive_together()
    {
        var directory = PeopleDirectories.Table(azurite);
        var person = new NewPerson("Jo Bloggs", "Volunteer driver", "Harbour Lane", null);

        var together = await Task.WhenAll(
            directory.AddPersonAsync("m-1", person, None),
            directory.AddPersonAsync("m-1", person, None));
        var again = await directory.AddPersonAsync("m-1", person with { DisplayName = "JO BLOGGS", JobTitle = "Driver", Organisation = "harbour lane" }, None);

        Assert.Equal(together[0], together[1]);
        Assert.Equal(together[0], again);
        Assert.Single(await directory.GetPeopleManagedByAsync("m-1", None));
    }

    [Fact]
    public async Task Rejects_invalid_details_without_storing_anything()
    {
        var directory = PeopleDirectories.Table(azurite);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => directory.AddPersonAsync("m-1", new NewPerson(" ", "Volunteer", null, null), None));

        Assert.StartsWith("Please give the person's name.", error.Message, StringComparison.Ordinal);
        Assert.Empty(await directory.GetPeopleManagedByAsync("m-1", None));
    }

    [Fact]
    public async Task Removes_only_people_the_manager_added()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.WriteSeed("p-1,Seeded Person,,,,,true,m-1"));
        var added = await directory.AddPersonAsync("m-1", new NewPerson("Jo Bloggs", null, null, null), None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => directory.RemoveAddedPersonAsync("m-1", "p-1", None));
        await directory.RemoveAddedPersonAsync("m-2", added.Id, None);
        Assert.NotNull(await directory.GetPersonAsync(added.Id, None));

        await directory.RemoveAddedPersonAsync("m-1", added.Id, None);
        await directory.RemoveAddedPersonAsync("m-1", added.Id, None);

        Assert.Equal(["p-1"], (await directory.GetPeopleManagedByAsync("m-1", None)).Select(person => person.Id));
        Assert.Null(await directory.GetPersonAsync(added.Id, None));
        Assert.False(await directory.IsManagerOfAsync("m-1", added.Id, None));
    }

    [Fact]
    public async Task Reseeding_applies_the_edited_file_and_keeps_people_managers_added()
    {
        var table = AzuriteFixture.NewTableName("people");
        var first = PeopleDirectories.Table(azurite, PeopleDirectories.WriteSeed(
            "p-1,Ann Moved,,,,,true,m-1",
            "p-2,Bea Dropped,,,,,true,m-1",
            "p-3,Cal Renamed,,,,,true,m-1"), table);
        var added = await first.AddPersonAsync("m-1", new NewPerson("Jo Bloggs", null, null, null), None);

        var edited = PeopleDirectories.Table(azurite, PeopleDirectories.WriteSeed(
            "p-1,Ann Moved,,,,,true,m-2",
            "p-3,Cal Renamed Again,Team lead,,,,true,m-1",
            "p-4,Dee New,,,,,false,m-1"), table);

        Assert.Equal(["Cal Renamed Again", "Dee New", "Jo Bloggs"], (await edited.GetPeopleManagedByAsync("m-1", None)).Select(person => person.DisplayName));
        Assert.Equal(["p-1"], (await edited.GetPeopleManagedByAsync("m-2", None)).Select(person => person.Id));
        Assert.Null(await edited.GetPersonAsync("p-2", None));
        Assert.Equal(added, await edited.GetPersonAsync(added.Id, None));
        Assert.Equal("Team lead", (await edited.GetPersonAsync("p-3", None))?.JobTitle);
    }

    [Fact]
    public async Task A_person_looked_up_is_remembered_so_another_instance_s_change_shows_after_the_lookup_window()
    {
        var table = AzuriteFixture.NewTableName("people");
        var asking = PeopleDirectories.Table(azurite, PeopleDirectories.WriteSeed("p-1,Ann Asker,,,,,true,m-1"), table);
        var editing = PeopleDirectories.Table(azurite, tableName: table);
        Assert.Null(await asking.GetPersonAsync("p-9", None));
        Assert.Equal("Ann Asker", (await asking.GetPersonAsync("p-1", None))?.DisplayName);

        await editing.SeedAsync([new Person("p-1", "Ann Renamed", null, null, null, null, true, PersonSource.Directory, "m-1")], None);

        Assert.Equal("Ann Asker", (await asking.GetPersonAsync("p-1", None))?.DisplayName);
        Assert.Equal("Ann Renamed", (await editing.GetPersonAsync("p-1", None))?.DisplayName);
        var uncached = new TablePeopleDirectory(azurite.Storage, new PeopleOptions { TableName = table, LookupCacheDuration = TimeSpan.Zero },
            new PeopleSeedFile(null), NullLogger<TablePeopleDirectory>.Instance);
        Assert.Equal("Ann Renamed", (await uncached.GetPersonAsync("p-1", None))?.DisplayName);
    }

    [Fact]
    public async Task A_person_added_or_removed_on_this_instance_shows_at_once_even_after_a_lookup()
    {
        var directory = PeopleDirectories.Table(azurite);
        var expected = NewPersonRules.LocalIdFor("m-1", NewPersonRules.Validate(new NewPerson("Jo Bloggs", null, null, null)));
        Assert.Null(await directory.GetPersonAsync(expected, None));

        var added = await directory.AddPersonAsync("m-1", new NewPerson("Jo Bloggs", null, null, null), None);
        Assert.Equal(expected, added.Id);
        Assert.Equal(added, await directory.GetPersonAsync(added.Id, None));

        await directory.RemoveAddedPersonAsync("m-1", added.Id, None);
        Assert.Null(await directory.GetPersonAsync(added.Id, None));
    }

    [Fact]
    public async Task Reseeding_an_unchanged_file_writes_nothing()
    {
        var table = AzuriteFixture.NewTableName("people");
        var seed = PeopleCsv.Parse(await File.ReadAllTextAsync(PeopleDirectories.ShippedSeedFile));
        var directory = PeopleDirectories.Table(azurite, tableName: table);

        var first = await directory.SeedAsync(seed, None);
        var second = await directory.SeedAsync(seed, None);

        Assert.Equal(new SeedResult(seed.Count, seed.Count, 0, 0), first);
        Assert.Equal(new SeedResult(seed.Count, 0, 0, 0), second);
    }

    [Fact]
    public async Task A_seed_row_never_overwrites_a_person_a_manager_added()
    {
        var table = AzuriteFixture.NewTableName("people");
        var directory = PeopleDirectories.Table(azurite, tableName: table);
        var added = await directory.AddPersonAsync("m-1", new NewPerson("Jo Bloggs", null, null, null), None);

        var result = await directory.SeedAsync([added with { DisplayName = "Someone Else", Source = PersonSource.Directory, ManagerId = "m-9" }], None);

        Assert.Equal(1, result.Skipped);
        Assert.Equal(added, await directory.GetPersonAsync(added.Id, None));
        Assert.Empty(await directory.GetPeopleManagedByAsync("m-9", None));
    }

    [Fact]
    public async Task A_broken_seed_file_leaves_the_directory_working()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.WriteSeed("p-1,\"unclosed,,,,,true,m-1"));

        var added = await directory.AddPersonAsync("m-1", new NewPerson("Jo Bloggs", null, null, null), None);

        Assert.Equal([added], await directory.GetPeopleManagedByAsync("m-1", None));
    }

    [Fact]
    public async Task Keeps_ids_with_characters_table_keys_forbid()
    {
        var directory = PeopleDirectories.Table(azurite, PeopleDirectories.WriteSeed("29:a/b#c?d,Odd Id,,,,,true,mgr/1%"));

        Assert.Equal(["29:a/b#c?d"], (await directory.GetPeopleManagedByAsync("mgr/1%", None)).Select(person => person.Id));
        Assert.True(await directory.IsManagerOfAsync("mgr/1%", "29:a/b#c?d", None));
    }
}
