using System.Net;
using LearningBot.BotHost;
using LearningBot.Connector.Hosting;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// With no public address configured, links in a turn's cards use the address the turn's request came to; outside a
/// request (background work) there is none.
/// </summary>
public sealed class RequestAddressTests(RequestAddressTests.Host host) : IClassFixture<RequestAddressTests.Host>
{
    private readonly BotTestHost _bot = host.ForTest();

    /// <summary>The class's bot, with no PublicLinks:BaseUrl and a command that says what the links would start with.</summary>
    public sealed class Host : BotHostFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IBotFeature>(provider => new AddressFeature(provider.GetRequiredService<PublicLinks>()));
    }

    [Fact]
    public async Task Links_in_a_turn_use_the_address_its_request_came_to_when_none_is_configured()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "where am i"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Assert.Single(_bot.Connector.Sent);
        Assert.Equal(_bot.Client.BaseAddress!.GetLeftPart(UriPartial.Authority), answer.Activity.Text);
    }

    [Fact]
    public void Work_outside_a_request_has_no_address_when_none_is_configured()
    {
        Assert.Null(_bot.Services.GetRequiredService<PublicLinks>().CurrentBaseUrl);
    }

    private sealed class AddressFeature(PublicLinks links) : IBotFeature
    {
        public void MapRoutes(BotRoutes routes) =>
            routes.OnCommand(turn => turn.SendTextAsync(links.CurrentBaseUrl ?? "no address"), "where am i");
    }
}
