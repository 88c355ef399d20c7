using LearningBot.Access;
using LearningBot.BotHost;
using LearningBot.People;
using LearningBot.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Access;

/// <summary><c>Roles:Groups</c> as configured, checked at start-up, and the group answers <see cref="GraphGroupMembership"/> remembers.</summary>
public sealed class RoleGroupSettingsTests
{
    private const string Group = "5c0f3f8e-1a2b-4c3d-8e4f-5a6b7c8d9e01";

    [Fact]
    public void Reads_groups_under_the_same_list_names_as_the_people()
    {
        var options = Options(new() { ["Roles:Groups:SupportTeam:0"] = Group, ["Roles:Groups:LiaisonStaff:0"] = Group.ToUpperInvariant() });

        Assert.Equal([Group], options.GroupsFor(Roles.SupportTeam));
        Assert.Equal([Group.ToUpperInvariant()], options.GroupsFor(Roles.Liaison));
        Assert.Empty(options.GroupsFor(Roles.Moderator));
        Assert.Equal([Group], options.AllGroups());
    }

    [Theory]
    [InlineData("Roles:Groups:SupportTeam:0", "L&D Support Team", "Roles:Groups:SupportTeam:0 must be the object id of an Entra ID security group")]
    [InlineData("Roles:Groups:Moderators:0", "", "Roles:Groups:Moderators:0 must be the object id of an Entra ID security group")]
    [InlineData("Roles:Groups:Liaison:0", Group, "Roles:Groups:Liaison names no role list: use one of SupportTeam, Experts, LiaisonStaff")]
    [InlineData("Roles:GroupCacheDuration", "-00:01:00", "Roles:GroupCacheDuration must not be negative")]
    public void A_bad_group_setting_stops_start_up_and_says_what_to_give(string setting, string value, string message)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Options(new() { [setting] = value, ["People:Source"] = "Graph" }));

        Assert.Contains(failure.Failures, text => text.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Groups_without_graph_stop_start_up_outside_development(string environment)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Roles:Groups:SupportTeam:0"] = Group }, environment));

        Assert.Contains(failure.Failures, text => text.Contains("Microsoft Graph is not configured", StringComparison.Ordinal)
            && text.Contains("People:Source=Graph", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bot_refuses_to_start_in_production_with_groups_and_no_graph()
    {
        var failure = Record.Exception(() => LearningBotHost.Build(
            ["--environment=Production", $"--Roles:Groups:Moderators:0={Group}"],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.WebHost.UseTestServer();
            }));

        Assert.NotNull(failure);
        Assert.Contains("Roles:Groups names Entra ID groups, but Microsoft Graph is not configured", Messages(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_without_graph_start_in_development_and_nobody_holds_a_role_through_them()
    {
        await using var graph = await GraphStub.StartAsync();
        var member = Guid.NewGuid().ToString();
        graph.AddUser(new GraphStubUser(member, "Sam Okafor")).AddGroupMember(Group, member);
        var options = Options(new() { ["Roles:Groups:SupportTeam:0"] = Group });
        using var membership = Membership(graph, options, new ManualClock(), PeopleSource.Directory);

        var groups = await membership.MemberOfAsync(member, [Group], CancellationToken.None);

        Assert.Empty(groups);
        Assert.Equal(0, graph.GroupChecks);
    }

    [Fact]
    public async Task Graph_is_asked_again_once_the_cache_time_has_passed()
    {
        await using var graph = await GraphStub.StartAsync();
        var member = Guid.NewGuid().ToString();
        graph.AddUser(new GraphStubUser(member, "Sam Okafor")).AddGroupMember(Group, member);
        var clock = new ManualClock();
        using var membership = Membership(graph, new RoleOptions { GroupCacheDuration = TimeSpan.FromMinutes(5) }, clock);

        await membership.MemberOfAsync(member, [Group], CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(4));
        await membership.MemberOfAsync(member, [Group], CancellationToken.None);
        var asksWithinTheTime = graph.GroupChecks;
        clock.Advance(TimeSpan.FromMinutes(2));
        var groups = await membership.MemberOfAsync(member, [Group], CancellationToken.None);

        Assert.Equal(1, asksWithinTheTime);
        Assert.Equal(2, graph.GroupChecks);
        Assert.Equal([Group], groups);
    }

    [Fact]
    public async Task A_failed_check_is_in_no_group_and_graph_is_asked_again_soon_after()
    {
        await using var graph = await GraphStub.StartAsync();
        var member = Guid.NewGuid().ToString();
        graph.AddUser(new GraphStubUser(member, "Sam Okafor")).AddGroupMember(Group, member);
        graph.RefuseGroupChecks(500, "generalException", "An unexpected error occurred.");
        var clock = new ManualClock();
        using var membership = Membership(graph, new RoleOptions(), clock);

        var whileDown = await membership.MemberOfAsync(member, [Group], CancellationToken.None);
        graph.AnswerGroupChecks();
        var justAfter = await membership.MemberOfAsync(member, [Group], CancellationToken.None);
        clock.Advance(GraphGroupMembership.FailureRemembered);
        var later = await membership.MemberOfAsync(member, [Group], CancellationToken.None);

        Assert.Empty(whileDown);
        Assert.Empty(justAfter);
        Assert.Equal([Group], later);
    }

    [Fact]
    public async Task More_than_twenty_groups_are_asked_twenty_at_a_time()
    {
        await using var graph = await GraphStub.StartAsync();
        var member = Guid.NewGuid().ToString();
        string[] groups = [.. Enumerable.Range(0, 25).Select(_ => Guid.NewGuid().ToString())];
        graph.AddUser(new GraphStubUser(member, "Sam Okafor")).AddGroupMember(groups[3], member).AddGroupMember(groups[24], member);
        using var membership = Membership(graph, new RoleOptions(), new ManualClock());

        var memberOf = await membership.MemberOfAsync(member, groups, CancellationToken.None);

        Assert.Equal(2, graph.GroupChecks);
        Assert.Equal(new HashSet<string> { groups[3], groups[24] }, memberOf);
    }

    [Fact]
    public async Task A_group_answer_that_changed_configuration_no_longer_covers_is_asked_again()
    {
        await using var graph = await GraphStub.StartAsync();
        var member = Guid.NewGuid().ToString();
        var moderators = Guid.NewGuid().ToString();
        graph.AddUser(new GraphStubUser(member, "Sam Okafor")).AddGroupMember(moderators, member);
        using var membership = Membership(graph, new RoleOptions(), new ManualClock());

        var before = await membership.MemberOfAsync(member, [Group], CancellationToken.None);
        var after = await membership.MemberOfAsync(member, [Group, moderators], CancellationToken.None);

        Assert.Empty(before);
        Assert.Equal([moderators], after);
        Assert.Equal(2, graph.GroupChecks);
    }

    private static string Messages(Exception exception) => exception switch
    {
        AggregateException aggregate => string.Join('\n', [aggregate.Message, .. aggregate.InnerExceptions.Select(Messages)]),
        { InnerException: { } inner } => exception.Message + '\n' + Messages(inner),
        _ => exception.Message,
    };

    private static GraphGroupMembership Membership(GraphStub graph, RoleOptions roles, TimeProvider clock, PeopleSource source = PeopleSource.Graph) => new(
        () => PeopleServiceCollectionExtensions.CreateGraphClient(new GraphPeopleOptions { BaseUrl = graph.BaseUrl }, new GraphStubCredential("graph-token")),
        new StaticOptionsMonitor<RoleOptions>(roles),
        Microsoft.Extensions.Options.Options.Create(new PeopleOptions { Source = source }),
        clock,
        NullLogger<GraphGroupMembership>.Instance);

    private static RoleOptions Options(Dictionary<string, string?> settings, string environment = "Development")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new TestHostEnvironment(environment))
            .AddRoles()
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<RoleOptions>>().Value;
    }
}
