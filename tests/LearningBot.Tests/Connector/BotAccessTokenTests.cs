using System.Collections.Concurrent;
using System.Net;
using System.Text;
using LearningBot.Connector.Client;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Identity.Client;

namespace LearningBot.Tests.Connector;

public sealed class BotAccessTokenTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_token_is_reused_until_five_minutes_before_it_expires()
    {
        var clock = new ManualClock(Start);
        var source = new CountingTokenSource(clock, lifetime: TimeSpan.FromHours(1));
        using var provider = new CachingBotAccessTokenProvider(source, clock, NullLogger<CachingBotAccessTokenProvider>.Instance);

        var first = await provider.GetAccessTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(54));
        var stillCached = await provider.GetAccessTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var refreshed = await provider.GetAccessTokenAsync();

        Assert.Equal("token-1", first);
        Assert.Equal("token-1", stillCached);
        Assert.Equal("token-2", refreshed);
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        var clock = new ManualClock(Start);
        var source = new CountingTokenSource(clock, lifetime: TimeSpan.FromHours(1), latency: TimeSpan.FromMilliseconds(100));
        using var provider = new CachingBotAccessTokenProvider(source, clock, NullLogger<CachingBotAccessTokenProvider>.Instance);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => provider.GetAccessTokenAsync())));

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task A_failed_refresh_falls_back_to_the_cached_token_while_it_is_still_valid()
    {
        var clock = new ManualClock(Start);
        var source = new CountingTokenSource(clock, lifetime: TimeSpan.FromHours(1));
        using var provider = new CachingBotAccessTokenProvider(source, clock, NullLogger<CachingBotAccessTokenProvider>.Instance);
        await provider.GetAccessTokenAsync();

        source.FailFromNowOn = true;
        clock.Advance(TimeSpan.FromMinutes(57));
        var fallback = await provider.GetAccessTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal("token-1", fallback);
        await Assert.ThrowsAsync<HttpRequestException>(() => provider.GetAccessTokenAsync());
    }

    [Fact]
    public async Task A_local_run_has_no_token()
    {
        using var provider = new CachingBotAccessTokenProvider(null, TimeProvider.System, NullLogger<CachingBotAccessTokenProvider>.Instance);

        Assert.False(provider.IssuesTokens);
        Assert.Null(await provider.GetAccessTokenAsync());
    }

    [Theory]
    [InlineData("MultiTenant", null, "/botframework.com/oauth2/v2.0/token")]
    [InlineData("SingleTenant", "11111111-2222-3333-4444-555555555555", "/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token")]
    public async Task Client_credentials_are_requested_for_the_Bot_Framework_scope_from_the_right_authority(string appType, string? tenantId, string tokenPath)
    {
        var endpoint = new FakeTokenEndpoint();
        var source = BotTokenConstants.CreateSource(
            new LearningBot.Connector.BotIdentityOptions
            {
                MicrosoftAppType = Enum.Parse<LearningBot.Connector.BotAppType>(appType),
                MicrosoftAppId = "00000000-0000-0000-0000-0000000000b0",
                MicrosoftAppPassword = "s3cret",
                MicrosoftAppTenantId = tenantId,
            },
            endpoint);

        var token = await source!.AcquireTokenAsync(CancellationToken.None);

        Assert.Equal("issued-by-fake-endpoint", token.Token);
        Assert.InRange(token.ExpiresOn, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        var tokenRequest = Assert.Single(endpoint.TokenRequests);
        Assert.Equal("login.microsoftonline.com", tokenRequest.Uri.Host);
        Assert.Equal(tokenPath, tokenRequest.Uri.AbsolutePath);
        Assert.Equal("client_credentials", tokenRequest.Form["grant_type"]);
        Assert.Equal("https://api.botframework.com/.default", tokenRequest.Form["scope"]);
        Assert.Equal("00000000-0000-0000-0000-0000000000b0", tokenRequest.Form["client_id"]);
        Assert.Equal("s3cret", tokenRequest.Form["client_secret"]);
    }

    [Fact]
    public void A_managed_identity_bot_needs_no_secret()
    {
        var source = BotTokenConstants.CreateSource(new LearningBot.Connector.BotIdentityOptions
        {
            MicrosoftAppType = LearningBot.Connector.BotAppType.UserAssignedMSI,
            MicrosoftAppId = "00000000-0000-0000-0000-0000000000b0",
            MicrosoftAppTenantId = "11111111-2222-3333-4444-555555555555",
        });

        Assert.IsType<ManagedIdentityTokenSource>(source);
    }

    private sealed class CountingTokenSource(TimeProvider clock, TimeSpan lifetime, TimeSpan latency = default) : IBotTokenSource
    {
        private int _calls;

        public int Calls => _calls;

        public bool FailFromNowOn { get; set; }

        public string Kind => "counting";

        public async Task<BotAccessToken> AcquireTokenAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _calls);
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, cancellationToken);
            }

            return FailFromNowOn
                ? throw new HttpRequestException("identity platform unreachable")
                : new BotAccessToken($"token-{n}", clock.GetUtcNow() + lifetime);
        }
    }

    /// <summary>The Entra ID token endpoint as MSAL sees it: instance discovery and the v2.0 token endpoint.</summary>
    private sealed class FakeTokenEndpoint : HttpMessageHandler, IMsalHttpClientFactory
    {
        private readonly HttpClient _client;

        public FakeTokenEndpoint() => _client = new HttpClient(this, disposeHandler: false);

        public ConcurrentQueue<(Uri Uri, IReadOnlyDictionary<string, string> Form)> TokenRequests { get; } = new();

        public HttpClient GetHttpClient() => _client;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.AbsolutePath.EndsWith("/discovery/instance", StringComparison.Ordinal))
            {
                return Json($$"""
                    {"tenant_discovery_endpoint":"https://login.microsoftonline.com/tenant/v2.0/.well-known/openid-configuration","api-version":"1.1",
                     "metadata":[{"preferred_network":"login.microsoftonline.com","preferred_cache":"login.windows.net","aliases":["login.microsoftonline.com","login.windows.net","login.microsoft.com"]}]}
                    """);
            }

            if (request.Method == HttpMethod.Post && uri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                var form = body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
                TokenRequests.Enqueue((uri, form));
                return Json("""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"issued-by-fake-endpoint"}""");
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _client.Dispose();
            }

            base.Dispose(disposing);
        }

        private static HttpResponseMessage Json(string json) =>
            new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
