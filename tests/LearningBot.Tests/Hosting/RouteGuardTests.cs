using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// Routes that require a role (<see cref="BotRoutes.For"/>) and commands that take an argument, through the real host:
/// the router refuses a caller without the role before any handler runs, whatever the card sends back.
/// </summary>
public sealed class RouteGuardTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string ModeratorTeamsId = "29:1-moderator";
    private static readonly TestPerson Moderator = new(ModeratorTeamsId, "7c2d1e3f-0000-4000-8000-00000000a0d1", "Morgan Reed");
    private BotTestHost _bot = null!;

    private ProbeFeature Probe => _bot.Services.GetRequiredService<ProbeFeature>();

    public async Task InitializeAsync() =>
        _bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Roles:Moderators:0"] = ModeratorTeamsId },
            services => services.AddSingleton<ProbeFeature>().AddSingleton<IBotFeature>(provider => provider.GetRequiredService<ProbeFeature>()));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("echo hello world", "hello world")]
    [InlineData("  ECHO   hello    world. ", "hello world")]
    [InlineData("echo", "")]
    [InlineData("echo!", "")]
    public async Task A_command_with_an_argument_gets_what_followed_it(string text, string argument)
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, text));

        Assert.Equal(["echo:" + argument], Probe.Calls);
    }

    [Fact]
    public async Task The_longest_command_wins()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "echo back last month"));

        Assert.Equal(["echo back:last month"], Probe.Calls);
    }

    [Fact]
    public async Task A_word_that_only_starts_like_a_command_is_not_that_command()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "echoes in the hall"));

        Assert.Empty(Probe.Calls);
        Assert.Single(_bot.Connector.Sent);
    }

    [Fact]
    public async Task A_guarded_command_is_refused_in_plain_words_to_someone_without_the_role()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "moderate"));

        Assert.Empty(Probe.Calls);
        Assert.Equal(Roles.Moderator.Refusal, Assert.Single(_bot.Connector.Sent).Activity.Text);
    }

    [Fact]
    public async Task A_guarded_command_runs_for_someone_with_the_role()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "moderate").From(Moderator));

        Assert.Equal(["moderate"], Probe.Calls);
    }

    [Fact]
    public async Task A_guarded_card_action_is_refused_whatever_the_card_claims()
    {
        var claims = new JsonObject { ["role"] = "Moderator", ["from"] = ModeratorTeamsId, ["aadObjectId"] = ModeratorTeamsId };

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, ProbeFeature.Approve, claims));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Equal(ProbeFeature.OnlyModerators, body["value"]!.GetValue<string>());
        Assert.Empty(Probe.Calls);
    }

    [Fact]
    public async Task A_guarded_card_action_runs_for_someone_with_the_role()
    {
        var execute = TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, ProbeFeature.Approve).From(Moderator);

        await _bot.PostActivityAsync(execute);

        Assert.Equal([ProbeFeature.Approve], Probe.Calls);
    }

    [Fact]
    public async Task A_guarded_submit_from_an_older_client_is_refused_with_a_message()
    {
        await _bot.PostActivityAsync(TeamsActivities.SubmitAction(_bot.Connector.ServiceUrl, ProbeFeature.Approve, "1700000000001"));

        Assert.Empty(Probe.Calls);
        Assert.Equal(ProbeFeature.OnlyModerators, Assert.Single(_bot.Connector.Sent).Activity.Text);
    }

    [Fact]
    public async Task A_guarded_invoke_answers_403_to_someone_without_the_role()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.Invoke(_bot.Connector.ServiceUrl, ProbeFeature.Invoke));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(Probe.Calls);
    }

    /// <summary>Records what ran; its routes are the ones under test.</summary>
    public sealed class ProbeFeature : IBotFeature
    {
        public const string Approve = "probe.approve";
        public const string Invoke = "probe/invoke";
        public const string OnlyModerators = "Only moderators can approve examples.";

        private readonly ConcurrentQueue<string> _calls = new();

        public IReadOnlyList<string> Calls => [.. _calls];

        public void MapRoutes(BotRoutes routes)
        {
            routes
                .OnCommandWithArgument((_, argument) => Record("echo:" + argument), "echo")
                .OnCommandWithArgument((_, argument) => Record("echo back:" + argument), "echo back");

            routes.For(Roles.Moderator)
                .OnCommand(_ => Record("moderate"), "moderate");

            routes.For(Roles.Moderator, OnlyModerators)
                .OnCardAction(Approve, async (_, _) =>
                {
                    await Record(Approve);
                    return CardActionResult.Message("Approved.");
                })
                .OnInvoke(Invoke, async _ =>
                {
                    await Record(Invoke);
                    return new LearningBot.Connector.Schema.InvokeResponse(200);
                });
        }

        private Task Record(string call)
        {
            _calls.Enqueue(call);
            return Task.CompletedTask;
        }
    }
}
