using System.Diagnostics;
using System.Net;
using LearningBot.Connector.Hosting;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// A turn lives by its own deadline, not by the HTTP request that brought it: when Teams stops waiting the turn still
/// finishes what it started, a turn that runs out of time is answered with an apology, and a connector that stops
/// answering costs a turn its connector budget, not a timeout per call.
/// </summary>
public sealed class TurnLifetimeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly SlowFeature _feature = new();
    private BotTestHost _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                ["BotHosting:TurnTimeout"] = "00:00:02",
                ["ConnectorClient:TurnBudget"] = "00:00:01",
                ["ConnectorClient:RequestTimeout"] = "00:00:05",
            },
            services => services.AddSingleton<IBotFeature>(_feature));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_turn_finishes_what_it_started_when_teams_stops_waiting()
    {
        await PostAndGiveUpOnceStartedAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "slow save"));

        var sent = await EventuallyAsync(() => _bot.Connector.Sent.FirstOrDefault(s => s.Activity.Text == "Saved."));
        Assert.NotNull(sent);
        Assert.Equal(1, _feature.Saves);
    }

    [Fact]
    public async Task A_redelivery_after_teams_stopped_waiting_gets_the_first_runs_answer_and_loses_nothing()
    {
        var message = TeamsActivities.Message(_bot.Connector.ServiceUrl, "slow save");
        await PostAndGiveUpOnceStartedAsync(message);

        var redelivered = await _bot.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(1, _feature.Saves);
        Assert.Equal(["Saved."], _bot.Connector.Sent.Select(s => s.Activity.Text));
    }

    [Fact]
    public async Task A_message_turn_that_runs_out_of_time_is_answered_with_an_apology_not_a_server_error()
    {
        var watch = Stopwatch.StartNew();
        var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "hang"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(5));
        var apology = Assert.Single(_bot.Connector.Sent);
        Assert.Contains("quote reference", apology.Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_action_that_runs_out_of_time_is_answered_200_with_an_apology()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, "hang.now"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Contains("quote reference", body["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_turns_handler_spends_the_same_storage_budget_its_claim_was_charged_to()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "storage budget"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Assert.Single(_bot.Connector.Sent);
        Assert.Equal("A budget of 10 s, already charged.", answer.Activity.Text);
    }

    [Fact]
    public async Task A_connector_that_stops_answering_costs_a_turn_its_connector_budget_not_a_timeout_per_call()
    {
        _bot.Connector.StallNext(TimeSpan.FromSeconds(30), times: 5);

        var watch = Stopwatch.StartNew();
        var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "help"));

        // The 1 s budget, not one 5 s request timeout (let alone five): anything under 5 s shows which one ended the turn.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4.5));
    }

    /// <summary>Posts the activity and, as Teams does when a bot is slow, stops waiting for the answer once the turn is under way.</summary>
    private async Task PostAndGiveUpOnceStartedAsync(System.Text.Json.Nodes.JsonObject activity)
    {
        using var teamsGivesUp = new CancellationTokenSource();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        var posted = _bot.Client.SendAsync(request, teamsGivesUp.Token);
        await _feature.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await teamsGivesUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => posted);
    }

    private static async Task<T?> EventuallyAsync<T>(Func<T?> probe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        return probe();
    }

    /// <summary>
    /// "slow save" saves at once and says so 700 ms later (a second save of the conversation is refused, as a ticket
    /// refuses a second answer); "hang" and "hang.now" wait until the turn's deadline; "storage budget" tells what the
    /// turn's storage budget is and whether the claim before it was already charged to it.
    /// </summary>
    private sealed class SlowFeature : IBotFeature
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _saved = new();

        public int Saves => _saved.Count;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void MapRoutes(BotRoutes routes) => routes
            .OnCommand(SlowSaveAsync, "slow save")
            .OnCommand(turn => Task.Delay(Timeout.Infinite, turn.Aborted), "hang")
            .OnCommand(
                turn => turn.SendTextAsync(StorageBudget.Current is { } budget && budget.Spent > TimeSpan.Zero
                    ? $"A budget of {budget.Limit.TotalSeconds:0} s, already charged."
                    : "No budget, or nothing charged to it."),
                "storage budget")
            .OnCardAction("hang.now", async (turn, _) =>
            {
                await Task.Delay(Timeout.Infinite, turn.Aborted);
                return CardActionResult.Message("never");
            });

        private async Task SlowSaveAsync(ITurnContext turn)
        {
            if (!_saved.TryAdd(turn.Activity.Conversation!.Id!, true))
            {
                await turn.SendTextAsync("Already saved.");
                return;
            }

            Started.TrySetResult();
            await Task.Delay(TimeSpan.FromMilliseconds(700), turn.Aborted);
            await turn.SendTextAsync("Saved.");
        }
    }
}
