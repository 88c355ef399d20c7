using LearningBot.FeedbackSignals;
using LearningBot.People;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Access;

/// <summary>
/// Roles held through Entra ID security groups (<c>Roles:Groups</c>), through the real bot, with Graph's
/// <c>checkMemberGroups</c> answered by the stub.
/// </summary>
public sealed class RoleGroupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string SupportTeamGroup = "5c0f3f8e-1a2b-4c3d-8e4f-5a6b7c8d9e01";
    private const string LiaisonGroup = "7d1e2f3a-4b5c-4d6e-9f70-8a9bacbdcef2";
    private const string WardTrainersGroup = "9e8d7c6b-5a49-4837-a625-140f0e1d2c3b";
    private const string OnlySupportTeamEdits = "only the L&D Support Team can add or edit articles";

    private GraphStub _graph = null!;
    private BotTestHost _bot = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphStub.StartAsync();
        _graph.AddGroupMember(SupportTeamGroup, WardTrainersGroup);
        _bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                ["People:Source"] = "Graph",
                ["People:Graph:BaseUrl"] = _graph.BaseUrl,
                ["Roles:Groups:SupportTeam:0"] = SupportTeamGroup,
                ["Roles:Groups:LiaisonStaff:0"] = LiaisonGroup,
            },
            services => services.AddSingleton(PeopleServiceCollectionExtensions.CreateGraphClient(
                new GraphPeopleOptions { BaseUrl = _graph.BaseUrl }, new GraphStubCredential("graph-token"))));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task A_member_of_the_support_team_group_can_add_an_article_and_someone_in_no_group_cannot()
    {
        var member = Person("support", "Sam Okafor", SupportTeamGroup);
        var outsider = Person("outsider", "Jo Evans");

        var editor = await SendAsync("new article", member);
        var refused = await SendAsync("new article", outsider);

        Assert.NotNull(editor.Activity.Attachments);
        Assert.Null(refused.Activity.Attachments);
        Assert.Contains(OnlySupportTeamEdits, refused.Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_of_the_liaison_group_can_open_feedback_but_not_the_support_teams_commands()
    {
        var liaison = Person("liaison", "Ade Bello", LiaisonGroup);
        var outsider = Person("outsider", "Kim Lee");

        var form = await SendAsync("feedback", liaison);
        var editor = await SendAsync("new article", liaison);
        var refused = await SendAsync("feedback", outsider);

        Assert.NotNull(form.Activity.Attachments);
        Assert.NotEqual(FeedbackSignalsFeature.OnlyLiaisonStaff, form.Activity.Text);
        Assert.Contains(OnlySupportTeamEdits, editor.Activity.Text, StringComparison.Ordinal);
        Assert.Equal(FeedbackSignalsFeature.OnlyLiaisonStaff, refused.Activity.Text);
    }

    [Fact]
    public async Task A_member_of_a_group_inside_the_support_team_group_holds_the_roles_the_support_team_includes()
    {
        var trainer = Person("trainer", "Priya Shah", WardTrainersGroup);

        var form = await SendAsync("feedback", trainer);
        var editor = await SendAsync("new article", trainer);

        Assert.NotNull(form.Activity.Attachments);
        Assert.NotNull(editor.Activity.Attachments);
    }

    [Fact]
    public async Task One_graph_call_answers_every_role_check_of_a_caller_within_the_cache_time()
    {
        var member = Person("support", "Grace Hughes", SupportTeamGroup);

        await SendAsync("new article", member);
        await SendAsync("feedback", member);
        await SendAsync("new article", member);

        var calls = _graph.Requests.Where(request => request.Path == $"/v1.0/users/{member.AadObjectId}/checkMemberGroups").ToList();
        var call = Assert.Single(calls);
        Assert.Equal("Bearer graph-token", call.Authorization);
    }

    [Fact]
    public async Task When_graph_refuses_the_check_no_role_is_held_the_turn_still_answers_and_graph_is_not_asked_at_every_turn()
    {
        var member = Person("support", "Chris Dale", SupportTeamGroup);
        _graph.RefuseGroupChecks(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        try
        {
            var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "new article").From(member));
            var refused = Assert.Single(_bot.Connector.Sent);
            var form = await SendAsync("feedback", member);

            Assert.True(response.IsSuccessStatusCode, $"The turn answered {(int)response.StatusCode}.");
            Assert.Contains(OnlySupportTeamEdits, refused.Activity.Text, StringComparison.Ordinal);
            Assert.Equal(FeedbackSignalsFeature.OnlyLiaisonStaff, form.Activity.Text);
            Assert.Single(_graph.Requests, request => request.Path == $"/v1.0/users/{member.AadObjectId}/checkMemberGroups");
        }
        finally
        {
            _graph.AnswerGroupChecks();
        }
    }

    [Fact]
    public async Task Someone_graph_does_not_know_holds_no_role_through_a_group()
    {
        var stranger = new TestPerson("29:stranger-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString(), "Lee Park");

        var refused = await SendAsync("new article", stranger);

        Assert.Contains(OnlySupportTeamEdits, refused.Activity.Text, StringComparison.Ordinal);
    }

    /// <summary>Someone in Entra ID (an object id Graph knows), in the groups named.</summary>
    private TestPerson Person(string key, string name, params string[] groups)
    {
        var person = new TestPerson($"29:{key}-{Guid.NewGuid():N}", Guid.NewGuid().ToString(), name);
        _graph.AddUser(new GraphStubUser(person.AadObjectId, name));
        foreach (var group in groups)
        {
            _graph.AddGroupMember(group, person.AadObjectId);
        }

        return person;
    }

    private async Task<SentActivity> SendAsync(string text, TestPerson person)
    {
        _bot.Connector.Reset();
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, text).From(person));
        return Assert.Single(_bot.Connector.Sent);
    }
}
