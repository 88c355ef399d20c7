using LearningBot.People;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.People;

/// <summary>The Graph directory through the real GraphServiceClient, against a stub answering Graph's documented JSON.</summary>
public sealed class GraphPeopleDirectoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Manager = "6a0d2c54-1f3e-4b7a-9c85-0e2f4a6b8d10";
    private const string Nurse = "7b1e3d65-2a4f-4c8b-8d96-1f3a5b7c9e21";
    private const string Porter = "8c2f4e76-3b5a-4d9c-9ea7-2a4b6c8d0f32";
    private const string Volunteer = "9d3a5f87-4c6b-4ead-8fb8-3b5c7d9e1a43";
    private const string Director = "0e4b6a98-5d7c-4fbe-9ac9-4c6d8e0f2b54";
    private const string Contact = "1f5c7b09-6e8d-40cf-8bda-5d7e9f1a3c65";
    private const string Siobhan = "2a6d8c1a-7f9e-41d0-9ceb-6e8f0a2b4d76";
    private const string UserFields = "id,displayName,jobTitle,department,companyName,mail,officeLocation";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly GraphStubCredential _credential = new("graph-token-for-tests");
    private GraphStub _stub = null!;
    private GraphPeopleDirectory _directory = null!;
    private MemoryCache _cache = null!;

    public async Task InitializeAsync()
    {
        _stub = await GraphStub.StartAsync();
        _stub.AddUser(new GraphStubUser(Director, "Dana Director", "Director of nursing", CompanyName: "Eastmoor Mental Health Trust"))
            .AddUser(new GraphStubUser(Manager, "Kwame Mensah", "Ward manager", Department: "Acute wards", CompanyName: "Eastmoor Mental Health Trust",
                Mail: "kwame.mensah@community.example", OfficeLocation: "Ward 3", ManagerId: Director))
            .AddUser(new GraphStubUser(Porter, "Zac Porter", "Porter", Department: "Facilities", ManagerId: Manager))
            .AddContact(new GraphStubContact(Contact, "Agency Contact", Manager))
            .AddUser(new GraphStubUser(Nurse, "Helen Marsh", "Staff nurse", CompanyName: "Eastmoor Mental Health Trust", ManagerId: Manager))
            .AddUser(new GraphStubUser(Volunteer, "amy Volunteer", "Ward volunteer", CompanyName: "  ", Department: "Voluntary services", ManagerId: Manager));

        _cache = GraphPeopleDirectory.NewCache();
        var options = new GraphPeopleOptions { BaseUrl = _stub.BaseUrl };
        var graph = PeopleServiceCollectionExtensions.CreateGraphClient(options, _credential);
        _directory = new GraphPeopleDirectory(graph, PeopleDirectories.Table(azurite), _cache, options);
    }

    public async Task DisposeAsync()
    {
        _cache.Dispose();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task Everyone_is_every_user_page_by_page_each_once()
    {
        _stub.PageSize = 2;

        var everyone = new List<Person>();
        await foreach (var person in _directory.EveryoneAsync(None))
        {
            everyone.Add(person);
        }

        var fromGraph = everyone.Where(person => person.Source == PersonSource.Graph).Select(person => person.Id).ToList();
        Assert.Equal(new[] { Director, Manager, Nurse, Porter, Volunteer }.Order(StringComparer.Ordinal), fromGraph.Order(StringComparer.Ordinal));
        Assert.Equal(everyone.Count, everyone.Select(person => person.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var lists = _stub.Requests.Where(request => request.Path == "/v1.0/users").ToList();
        Assert.Equal(3, lists.Count);
        Assert.Equal("999", lists[0].Query["$top"]);
    }

    [Fact]
    public async Task Reads_a_user_with_their_organisation_and_manager()
    {
        var person = await _directory.GetPersonAsync(Manager, None);

        Assert.Equal(new Person(Manager, "Kwame Mensah", "Ward manager", "Eastmoor Mental Health Trust", OrganisationKind: null,
            "kwame.mensah@community.example", UsesTeams: true, PersonSource.Graph, Director), person);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal($"/v1.0/users/{Manager}", request.Path);
        Assert.Equal("id,displayName,jobTitle,department,companyName,mail,officeLocation", request.Query["$select"]);
        Assert.Equal("manager($select=id)", request.Query["$expand"]);
    }

    [Fact]
    public async Task Takes_the_organisation_from_the_department_when_there_is_no_company_name()
    {
        var person = await _directory.GetPersonAsync(Porter, None);

        Assert.Equal(("Facilities", Manager), (person?.Organisation, person?.ManagerId));
    }

    [Fact]
    public async Task Sends_the_bearer_token_for_the_graph_scope_with_every_request()
    {
        await _directory.GetPersonAsync(Manager, None);
        await _directory.GetManagerAsync(Manager, None);
        await _directory.GetPeopleManagedByAsync(Manager, None);

        Assert.Equal(3, _stub.Requests.Count);
        Assert.All(_stub.Requests, request => Assert.Equal("Bearer graph-token-for-tests", request.Authorization));
        Assert.All(_credential.RequestedScopes, scope => Assert.Equal("https://graph.microsoft.com/.default", scope));
        Assert.NotEmpty(_credential.RequestedScopes);
    }

    [Fact]
    public async Task Reads_the_manager()
    {
        var manager = await _directory.GetManagerAsync(Nurse, None);

        Assert.Equal(new Person(Manager, "Kwame Mensah", "Ward manager", "Eastmoor Mental Health Trust", null,
            "kwame.mensah@community.example", true, PersonSource.Graph, ManagerId: null), manager);
        Assert.Contains(_stub.Requests, request => request.Path == $"/v1.0/users/{Nurse}/manager");
    }

    [Fact]
    public async Task A_user_without_a_manager_has_none()
    {
        Assert.Null(await _directory.GetManagerAsync(Director, None));
        Assert.Contains(_stub.Requests, request => request.Path == $"/v1.0/users/{Director}/manager");
    }

    [Fact]
    public async Task An_unknown_user_is_nobody()
    {
        var unknown = Guid.NewGuid().ToString();

        Assert.Null(await _directory.GetPersonAsync(unknown, None));
        Assert.Null(await _directory.GetManagerAsync(unknown, None));
        Assert.Empty(await _directory.GetPeopleManagedByAsync(unknown, None));
    }

    [Fact]
    public async Task Lists_direct_reports_across_pages_leaving_out_contacts()
    {
        _stub.PageSize = 2;

        var people = await _directory.GetPeopleManagedByAsync(Manager, None);

        Assert.Equal(["amy Volunteer", "Helen Marsh", "Zac Porter"], people.Select(person => person.DisplayName));
        Assert.Equal("Voluntary services", people[0].Organisation);
        Assert.All(people, person => Assert.Equal((PersonSource.Graph, Manager, true), (person.Source, person.ManagerId, person.UsesTeams)));
        var pages = _stub.Requests.Where(request => request.Path.EndsWith("/directReports", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pages.Count);
        Assert.False(pages[0].Query.ContainsKey("$skiptoken"));
        Assert.Equal("2", pages[1].Query["$skiptoken"]);
    }

    [Fact]
    public async Task Lists_people_the_manager_added_after_the_direct_reports()
    {
        var added = await _directory.AddPersonAsync(Manager, new NewPerson("Aaron Added", "Befriender", "Harbour Lane", "voluntary-sector"), None);

        var people = await _directory.GetPeopleManagedByAsync(Manager, None);

        Assert.Equal(["amy Volunteer", "Helen Marsh", "Zac Porter", "Aaron Added"], people.Select(person => person.DisplayName));
        Assert.Equal(added, await _directory.GetPersonAsync(added.Id, None));
        Assert.True(await _directory.IsManagerOfAsync(Manager, added.Id, None));
        Assert.Equal("Kwame Mensah", (await _directory.GetManagerAsync(added.Id, None))?.DisplayName);

        await _directory.RemoveAddedPersonAsync(Manager, added.Id, None);
        Assert.Equal(3, (await _directory.GetPeopleManagedByAsync(Manager, None)).Count);
    }

    [Fact]
    public async Task Knows_who_manages_whom_from_the_manager_relationship()
    {
        Assert.True(await _directory.IsManagerOfAsync(Manager, Nurse, None));
        Assert.True(await _directory.IsManagerOfAsync(Manager.ToUpperInvariant(), Nurse, None));
        Assert.False(await _directory.IsManagerOfAsync(Nurse, Manager, None));
        Assert.False(await _directory.IsManagerOfAsync(Manager, Director, None));
    }

    [Fact]
    public async Task Nobody_manages_an_empty_person_id_and_an_empty_manager_id_manages_nobody()
    {
        Assert.False(await _directory.IsManagerOfAsync(Manager, string.Empty, None));
        Assert.False(await _directory.IsManagerOfAsync(string.Empty, Nurse, None));
    }

    [Fact]
    public async Task Reuses_answers_for_a_while_because_managers_open_their_list_often()
    {
        await _directory.GetPeopleManagedByAsync(Manager, None);
        await _directory.GetPeopleManagedByAsync(Manager, None);
        await _directory.GetPersonAsync(Nurse, None);
        await _directory.GetPersonAsync(Nurse, None);

        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task Asking_about_many_different_people_keeps_the_cache_within_its_size_limit()
    {
        using var small = new MemoryCache(new MemoryCacheOptions { SizeLimit = 20 });
        var options = new GraphPeopleOptions { BaseUrl = _stub.BaseUrl };
        var directory = new GraphPeopleDirectory(
            PeopleServiceCollectionExtensions.CreateGraphClient(options, _credential), PeopleDirectories.Table(azurite), small, options);

        for (var i = 0; i < 200; i++)
        {
            Assert.Null(await directory.GetPersonAsync(Guid.NewGuid().ToString(), None));
            Assert.InRange(small.Count, 0, 20);
        }

        Assert.Equal(200, _stub.Requests.Count);
    }

    [Fact]
    public void The_registered_directory_gets_a_cache_of_its_own_with_a_size_limit()
    {
        var services = new ServiceCollection();
        services.AddPeopleDirectory();
        using var provider = services.BuildServiceProvider();

        var cache = provider.GetRequiredKeyedService<IMemoryCache>(GraphPeopleDirectory.CacheKey);

        // Only a cache with a size limit refuses an entry that does not say its size.
        Assert.Throws<InvalidOperationException>(() => cache.Set("an entry without a size", 1));
        Assert.Null(provider.GetService<IMemoryCache>());
    }

    [Fact]
    public async Task Finds_users_by_the_words_of_their_name_with_one_search_sent_as_graph_requires()
    {
        var found = await _directory.FindAsync("mensah KWA", 5, None);

        Assert.Equal([Manager], found.Select(person => person.Id));
        Assert.Equal(PersonSource.Graph, found[0].Source);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("/v1.0/users", request.Path);
        Assert.Equal("\"displayName:mensah KWA\" OR \"mail:mensah KWA\"", request.Query["$search"]);
        Assert.Equal("eventual", request.ConsistencyLevel);
        Assert.Equal("5", request.Query["$top"]);
        Assert.Equal(UserFields, request.Query["$select"]);
        Assert.False(request.Query.ContainsKey("$filter"));
    }

    [Fact]
    public async Task Finds_a_user_by_email_address_or_sign_in_name_with_an_exact_filter()
    {
        _stub.AddUser(new GraphStubUser(Siobhan, "Siobhan Brien", Mail: "siobhan.brien@community.example", UserPrincipalName: "sbrien@community.example"));

        var byMail = await _directory.FindAsync("Siobhan.Brien@community.example", 1, None);
        var bySignIn = await _directory.FindAsync("sbrien@community.example", 1, None);
        var byPartOfAnAddress = await _directory.FindAsync("brien@community.example", 1, None);

        Assert.Equal([Siobhan], byMail.Select(person => person.Id));
        Assert.Equal([Siobhan], bySignIn.Select(person => person.Id));
        Assert.Empty(byPartOfAnAddress);
        var request = _stub.Requests[0];
        Assert.Equal("mail eq 'Siobhan.Brien@community.example' or userPrincipalName eq 'Siobhan.Brien@community.example'", request.Query["$filter"]);
        Assert.Equal("1", request.Query["$top"]);
        Assert.False(request.Query.ContainsKey("$search"));
    }

    [Fact]
    public async Task Double_quotes_and_backslashes_typed_do_not_break_the_search()
    {
        _stub.AddUser(new GraphStubUser(Siobhan, "Siobhan \"Shiv\" O'Brien", Mail: "shiv@community.example"));

        var quoted = await _directory.FindAsync("\"Shiv\"", 5, None);
        var slashed = await _directory.FindAsync("O'Brien \\", 5, None);
        var unclosed = await _directory.FindAsync("Shiv\\\" OR \"displayName:Helen", 5, None);

        Assert.Equal([Siobhan], quoted.Select(person => person.Id));
        Assert.Equal([Siobhan], slashed.Select(person => person.Id));
        Assert.Empty(unclosed);
        Assert.Equal(
            ["\"displayName:\\\"Shiv\\\"\" OR \"mail:\\\"Shiv\\\"\"", "\"displayName:O'Brien \\\\\" OR \"mail:O'Brien \\\\\""],
            _stub.Requests.Take(2).Select(request => request.Query["$search"]));
    }

    [Fact]
    public async Task A_single_quote_in_an_email_address_does_not_break_the_filter()
    {
        _stub.AddUser(new GraphStubUser(Siobhan, "Siobhan O'Brien", Mail: "siobhan.o'brien@community.example"));

        var found = await _directory.FindAsync("siobhan.o'brien@community.example", 5, None);

        Assert.Equal([Siobhan], found.Select(person => person.Id));
        Assert.Equal("mail eq 'siobhan.o''brien@community.example' or userPrincipalName eq 'siobhan.o''brien@community.example'",
            Assert.Single(_stub.Requests).Query["$filter"]);
    }

    [Fact]
    public async Task Finds_people_in_the_table_too_each_once_by_name_up_to_the_number_asked_for()
    {
        var seed = PeopleDirectories.WriteSeed(
            $"{Nurse},Helen Marsh,Staff nurse,,,,true,",
            "local-helga,Helga Seeded,Volunteer,,voluntary-sector,,false,");
        var options = new GraphPeopleOptions { BaseUrl = _stub.BaseUrl };
        var directory = new GraphPeopleDirectory(
            PeopleServiceCollectionExtensions.CreateGraphClient(options, _credential), PeopleDirectories.Table(azurite, seed), _cache, options);
        await directory.AddPersonAsync(Manager, new NewPerson("Helena Added", "Befriender", "Harbour Lane", "voluntary-sector"), None);

        var found = await directory.FindAsync("hel", 5, None);
        var first = await directory.FindAsync("Hel", 2, None);

        Assert.Equal(["Helen Marsh", "Helena Added", "Helga Seeded"], found.Select(person => person.DisplayName));
        Assert.Equal(PersonSource.Graph, found[0].Source);
        Assert.Equal(["Helen Marsh", "Helena Added"], first.Select(person => person.DisplayName));
    }

    [Fact]
    public async Task Reuses_a_search_answer_for_a_while()
    {
        await _directory.FindAsync("Helen", 5, None);
        await _directory.FindAsync("helen", 5, None);
        await _directory.FindAsync("kwame.mensah@community.example", 5, None);
        await _directory.FindAsync("Kwame.Mensah@community.example", 5, None);

        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task The_stub_refuses_a_search_without_consistency_level_eventual_as_graph_does()
    {
        using var http = new HttpClient();
        var url = $"{_stub.BaseUrl}/users?$search={Uri.EscapeDataString("\"displayName:Helen\"")}";

        using var refused = await http.GetAsync(new Uri(url), None);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url)) { Headers = { { "ConsistencyLevel", "eventual" } } };
        using var answered = await http.SendAsync(request, None);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Request_UnsupportedQuery", await refused.Content.ReadAsStringAsync(None), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains(Nurse, await answered.Content.ReadAsStringAsync(None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_asks_graph_about_ids_that_are_not_entra_object_ids()
    {
        Assert.Null(await _directory.GetPersonAsync("local:0a1b2c3d-0000-4000-8000-000000000000", None));
        Assert.Null(await _directory.GetPersonAsync("29:teams-user", None));
        Assert.Empty(await _directory.GetPeopleManagedByAsync("user-id-0", None));

        Assert.Empty(_stub.Requests);
    }
}
