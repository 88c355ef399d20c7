using LearningBot.Connector.Authentication;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Connector;

/// <summary>The bot's bearer token reaches genuine connector hosts only (the fake answers for every host name over HTTPS).</summary>
public sealed class ConnectorClientTokenTests : IAsyncLifetime
{
    private static readonly Activity Hello = new() { Type = ActivityTypes.Message, Text = "hello" };
    private readonly FixedTokenProvider _tokens = new("token-for-connector");
    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync(https: true);

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    /// <summary>Every service URL host the platform documents, public and government clouds (rule 3.3).</summary>
    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams/", "/teams/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.trafficmanager.net/emea/", "/emea/v3/conversations/a%3A1/activities")]
    [InlineData("https://canary.botapi.skype.com/amer/", "/amer/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/gcc", "/gcc/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/teams", "/teams/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/gcch", "/gcch/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/teams", "/teams/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/teams", "/teams/v3/conversations/a%3A1/activities")]
    [InlineData("https://europe.webchat.botframework.com/", "/v3/conversations/a%3A1/activities")]
    [InlineData("https://webchat.botframework.azure.us/", "/v3/conversations/a%3A1/activities")]
    public async Task The_token_is_sent_to_every_documented_connector_host(string serviceUrl, string path)
    {
        await using var services = FakeConnectorClients.Build(routeAllHostsTo: _connector, tokens: _tokens);

        await services.ClientFor(serviceUrl).SendToConversationAsync("a:1", Hello);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("Bearer token-for-connector", request.Authorization);
        Assert.Equal(path, request.Path);
    }

    [Theory]
    [InlineData("https://evil.example.org/")]
    [InlineData("https://botframework.com.evil.example.org/")]
    [InlineData("https://notbotframework.com/")]
    [InlineData("http://smba.trafficmanager.net/teams/")]
    public void A_client_with_credentials_is_refused_for_any_other_host(string serviceUrl)
    {
        using var services = FakeConnectorClients.Build(routeAllHostsTo: _connector, tokens: _tokens);

        var refused = Assert.Throws<UntrustedConnectorHostException>(() => services.ClientFor(serviceUrl));

        Assert.Equal(new Uri(serviceUrl), refused.ServiceUrl);
        Assert.Empty(_connector.Requests);
        Assert.Equal(0, _tokens.Calls);
    }

    [Fact]
    public async Task A_refused_host_is_refused_again_after_allowed_hosts_were_served()
    {
        await using var services = FakeConnectorClients.Build(routeAllHostsTo: _connector, tokens: _tokens);
        await services.ClientFor("https://smba.trafficmanager.net/teams/").SendToConversationAsync("a:1", Hello);

        Assert.Throws<UntrustedConnectorHostException>(() => services.ClientFor("https://evil.example.org/"));
        Assert.Throws<UntrustedConnectorHostException>(() => services.ClientFor("https://evil.example.org/"));
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public void One_client_serves_every_turn_to_a_service_url_and_past_the_bound_clients_are_still_made()
    {
        using var services = FakeConnectorClients.Build(routeAllHostsTo: _connector, tokens: _tokens);

        var first = services.ClientFor("https://smba.trafficmanager.net/emea/");
        Assert.Same(first, services.ClientFor("https://smba.trafficmanager.net/emea/"));
        Assert.NotSame(first, services.ClientFor("https://smba.trafficmanager.net/amer/"));

        // Many distinct URLs (more than the factory keeps) each still get a client for their own URL.
        for (var region = 0; region < 100; region++)
        {
            var url = $"https://smba.trafficmanager.net/r{region}/";
            Assert.Equal(new Uri(url), services.ClientFor(url).ServiceUrl);
        }

        Assert.Same(first, services.ClientFor("https://smba.trafficmanager.net/emea/"));
    }

    [Fact]
    public async Task The_configured_allow_list_replaces_the_default_one()
    {
        await using var services = FakeConnectorClients.Build(
            new Dictionary<string, string?> { ["BotAuthentication:AllowedConnectorHosts:0"] = "connector.contoso.test" },
            routeAllHostsTo: _connector,
            tokens: _tokens);

        await services.ClientFor("https://eu.connector.contoso.test/bot").SendToConversationAsync("a:1", Hello);

        Assert.Equal("Bearer token-for-connector", Assert.Single(_connector.Requests).Authorization);
        Assert.Throws<UntrustedConnectorHostException>(() => services.ClientFor("https://smba.trafficmanager.net/teams/"));
    }

    [Fact]
    public async Task A_loopback_connector_is_called_without_the_token()
    {
        await using var playground = await FakeConnector.StartAsync();
        await using var services = FakeConnectorClients.Build(tokens: _tokens);

        await services.ClientFor(playground.ServiceUrl).SendToConversationAsync("a:1", Hello);

        Assert.Null(Assert.Single(playground.Requests).Authorization);
        Assert.Equal(0, _tokens.Calls);
    }

    [Fact]
    public async Task A_local_run_sends_no_Authorization_header_to_any_host()
    {
        await using var services = FakeConnectorClients.Build(routeAllHostsTo: _connector);
        Assert.False(services.GetRequiredService<IBotAccessTokenProvider>().IssuesTokens);

        await services.ClientFor("https://smba.trafficmanager.net/teams/").SendToConversationAsync("a:1", Hello);
        await services.ClientFor("https://connector.example.org/").SendToConversationAsync("a:1", Hello);

        Assert.All(_connector.Requests, r => Assert.Null(r.Authorization));
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact]
    public void An_app_id_with_a_secret_makes_the_client_issue_tokens()
    {
        using var services = FakeConnectorClients.Build(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-0000000000b0",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        });

        Assert.True(services.GetRequiredService<IBotAccessTokenProvider>().IssuesTokens);
        Assert.Throws<UntrustedConnectorHostException>(() => services.ClientFor("https://evil.example.org/"));
    }

    [Fact]
    public void A_single_tenant_bot_without_a_tenant_id_is_a_configuration_error()
    {
        using var services = FakeConnectorClients.Build(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-0000000000b0",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IBotAccessTokenProvider>());
        Assert.Contains("MicrosoftAppTenantId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams/", true)]
    [InlineData("https://SMBA.TrafficManager.NET/teams/", true)]
    [InlineData("https://api.botframework.com/", true)]
    [InlineData("https://botframework.com/", true)]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/gcch", true)]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/teams", true)]
    [InlineData("https://canary.botapi.skype.com/amer/", true)]
    [InlineData("https://botframework.azure.us/", true)]
    [InlineData("https://xbotframework.com/", false)]
    [InlineData("https://skype.com/", false)]
    [InlineData("https://botapi.skype.com.attacker.net/", false)]
    [InlineData("https://teams.microsoft.com/", false)]
    [InlineData("https://evil.trafficmanager.net/", false)]
    [InlineData("https://botframework.com.attacker.net/", false)]
    [InlineData("http://api.botframework.com/", false)]
    [InlineData("https://127.0.0.1:56150/_connector", false)]
    public void Host_policy_matches_on_a_dot_boundary_over_https_only(string url, bool allowed) =>
        Assert.Equal(allowed, new ConnectorHostPolicy(BotAuthenticationDefaults.ConnectorHosts).MayReceiveToken(new Uri(url)));
}
