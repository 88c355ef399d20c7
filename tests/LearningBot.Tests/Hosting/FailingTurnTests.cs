using System.Net;
using LearningBot.Connector.Hosting;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Hosting;

/// <summary>A capability that throws must not turn into a 500 (the channel would redeliver) nor leave the user guessing.</summary>
public sealed class FailingTurnTests(FailingTurnTests.Host host) : IClassFixture<FailingTurnTests.Host>
{
    private readonly BotTestHost _bot = host.ForTest();

    /// <summary>The class's bot, with a capability that always throws.</summary>
    public sealed class Host : BotHostFixture
    {
        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IBotFeature, BrokenFeature>();
    }

    [Fact]
    public async Task Failing_message_turn_answers_200_and_apologises_with_a_reference()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "explode"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var apology = Assert.Single(_bot.Connector.Sent);
        Assert.Contains("reference", apology.Activity.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Failing_card_action_answers_200_with_a_message_in_the_invoke_response()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, "explode.now"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_redelivered_failed_turn_is_answered_once()
    {
        var message = TeamsActivities.Message(_bot.Connector.ServiceUrl, "explode");

        await _bot.PostActivityAsync(message);
        await _bot.PostActivityAsync(message);

        Assert.Single(_bot.Connector.Sent);
    }

    private sealed class BrokenFeature : IBotFeature
    {
        public void MapRoutes(BotRoutes routes) => routes
            .OnCommand(_ => throw new InvalidOperationException("Storage exploded."), "explode")
            .OnCardAction("explode.now", (_, _) => throw new InvalidOperationException("Card exploded."));
    }
}
