using System.Collections.Concurrent;
using System.Net;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// The endpoint with authentication on, as in a real tenant: tokens from a local OpenID metadata/JWKS issuer,
/// replies to the real Teams connector host name routed to a local fake connector over HTTPS.
/// </summary>
public sealed class EndpointAuthenticationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly FixedTokenProvider _outboundToken = new("outbound-token");
    private readonly ConcurrentQueue<LoggedEntry> _logged = new();
    private TestTokenIssuer _issuer = null!;
    private BotTestHost _bot = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync();
        var settings = _issuer.BotSettings();
        settings["MicrosoftAppPassword"] = "not-a-real-secret"; // needed to start; replies carry _outboundToken
        settings["Logging:LogLevel:LearningBot.Connector"] = "Information";
        _bot = await BotTestHost.StartAsync(
            azurite,
            settings,
            services => services
                .AddSingleton<IBotAccessTokenProvider>(_outboundToken)
                .AddLogging(logging => logging.AddProvider(new LogCollector(_logged, LogLevel.Information))),
            httpsConnector: true,
            connectorBasePath: "/teams");
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task Valid_token_is_accepted_and_the_reply_carries_the_bots_own_token()
    {
        var response = await _bot.PostActivityAsync(Help(), _issuer.CreateToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_bot.Connector.Requests);
        Assert.Equal("Bearer outbound-token", reply.Authorization);
    }

    [Fact]
    public async Task A_channel_token_Azure_Bot_Service_issued_through_Entra_is_accepted_and_the_turn_runs()
    {
        var token = _issuer.CreateToken(spec => spec.AsEntraChannelToken("d6d49420-f39b-4df7-a1dc-d59a935871db"));

        var response = await _bot.PostActivityAsync(Help(), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer outbound-token", Assert.Single(_bot.Connector.Requests).Authorization);
    }

    [Fact]
    public async Task Missing_token_is_401_with_a_bearer_challenge_and_nothing_is_sent()
    {
        var response = await _bot.PostActivityAsync(Help());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task Token_for_another_bot_is_401()
    {
        var token = _issuer.CreateToken(spec => spec.Audience = Guid.NewGuid().ToString());

        var response = await _bot.PostActivityAsync(Help(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task Token_for_another_service_url_is_401()
    {
        var token = _issuer.CreateToken(spec => spec.ServiceUrl = "https://smba.trafficmanager.net/emea/");

        var response = await _bot.PostActivityAsync(Help(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Key_not_endorsed_for_teams_is_403()
    {
        var key = _issuer.AddKey(TestKeySet.BotFramework, "webchat-only", ["webchat"]);
        var token = _issuer.CreateToken(spec => spec.SigningKey = key);

        var response = await _bot.PostActivityAsync(Help(), token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    public async Task A_valid_token_for_another_channel_is_403_and_nothing_runs(string channel)
    {
        var key = _issuer.AddKey(TestKeySet.BotFramework, "other-channels", ["webchat", "directline", "emulator"]);
        var activity = Help();
        activity["channelId"] = channel;
        activity["from"]!["id"] = "29:1-someone-else"; // chosen by the client on these channels

        var response = await _bot.PostActivityAsync(activity, _issuer.CreateToken(spec => spec.SigningKey = key));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task Forged_token_signed_with_an_unpublished_key_is_401()
    {
        var forger = _issuer.CreateKey(TestKeySet.BotFramework, _issuer.BotFrameworkKey.KeyId, ["msteams"]);
        var token = _issuer.CreateToken(spec => spec.SigningKey = forger);

        var response = await _bot.PostActivityAsync(Help(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_logged_once_with_its_reason_and_never_the_token()
    {
        var forger = _issuer.CreateKey(TestKeySet.BotFramework, _issuer.BotFrameworkKey.KeyId, ["msteams"]);
        var token = _issuer.CreateToken(spec => spec.SigningKey = forger);
        _logged.Clear(); // what start-up logged

        var response = await _bot.PostActivityAsync(Help(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var rejection = Assert.Single(RequestLog());
        Assert.Equal(LogLevel.Information, rejection.Level);
        Assert.Contains("(401): token signature is invalid", rejection.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], rejection.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_channel_endorsement_is_logged_once_as_a_warning()
    {
        var key = _issuer.AddKey(TestKeySet.BotFramework, "webchat-only", ["webchat"]);
        var token = _issuer.CreateToken(spec => spec.SigningKey = key);
        _logged.Clear();

        var response = await _bot.PostActivityAsync(Help(), token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var refusal = Assert.Single(RequestLog());
        Assert.Equal(LogLevel.Warning, refusal.Level);
        Assert.Contains("(403): signing key 'webchat-only' is not endorsed for channel 'msteams'", refusal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_activity_is_401_without_a_token_and_400_after_a_valid_one()
    {
        var activity = Help();
        activity["channelData"] = new System.Text.Json.Nodes.JsonObject { ["tenant"] = 5 };

        var withoutToken = await _bot.PostActivityAsync(activity);
        var withToken = await _bot.PostActivityAsync(activity, _issuer.CreateToken());

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withToken.StatusCode);
        var error = await BotTestHost.ReadJsonAsync(withToken);
        Assert.Contains("'channelData'", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_401_even_with_a_token_since_the_token_matches_no_service_url()
    {
        var response = await _bot.PostRawAsync("{\"type\":", _issuer.CreateToken());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_service_url_on_a_host_the_token_may_not_go_to_is_answered_200_and_nothing_is_sent_or_remembered()
    {
        const string Elsewhere = "https://connector.example.org/teams/";
        var token = _issuer.CreateToken(spec => spec.ServiceUrl = Elsewhere);
        var message = TeamsActivities.Message(Elsewhere, "help");
        var invoke = TeamsActivities.ExecuteAction(Elsewhere, "help.topic");

        var answered = await _bot.PostActivityAsync(message, token);
        var redelivered = await _bot.PostActivityAsync(message, token);
        var invoked = await _bot.PostActivityAsync(invoke, token);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        Assert.Empty(await invoked.Content.ReadAsStringAsync());
        Assert.Empty(_bot.Connector.Requests);
        Assert.Equal(0, _outboundToken.Calls);
        var references = _bot.Services.GetRequiredService<ConversationReferenceStore>();
        Assert.Null(await references.FindConversationAsync(message.ConversationId(), CancellationToken.None));
    }

    [Fact]
    public async Task Health_says_nothing_about_authentication_to_an_anonymous_caller()
    {
        var response = await _bot.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    /// <summary>What was logged about requests: everything but the signing keys' fetch, which the first request causes.</summary>
    private List<LoggedEntry> RequestLog() =>
        [.. _logged.Where(entry => entry.Category != typeof(SigningKeyStore).FullName)];

    private static System.Text.Json.Nodes.JsonObject Help() =>
        TeamsActivities.Message(TestTokenIssuer.ServiceUrl, "help");
}
