using LearningBot.Connector.Authentication;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Authentication;

/// <summary>Key fetching, caching and refresh against the local metadata endpoint (bot-protocol.md §1.2 rule 2).</summary>
public sealed class SigningKeyRefreshTests : AuthenticatorHarness
{
    [Fact]
    public async Task Fetches_keys_once_and_serves_later_tokens_from_the_cache()
    {
        var authenticator = CreateAuthenticator();

        for (var i = 0; i < 5; i++)
        {
            AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
        }

        Assert.Equal(1, Issuer.KeyRequests);
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_fetch()
    {
        var authenticator = CreateAuthenticator();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => AuthenticateTokenAsync(null, authenticator))));

        Assert.All(results, AssertAccepted);
        Assert.Equal(1, Issuer.KeyRequests);
    }

    [Fact]
    public async Task Rejects_token_signed_by_an_unknown_key()
    {
        var unpublished = Issuer.CreateKey(TestKeySet.BotFramework, "not-published", [TestTokenIssuer.ChannelId]);
        var authenticator = CreateAuthenticator();
        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));

        var result = await AuthenticateTokenAsync(t => t.SigningKey = unpublished, authenticator);

        AssertRejected(result, 401, "signing key 'not-published' is unknown");
        Assert.Equal(2, Issuer.KeyRequests); // the unknown kid forced one refresh
    }

    [Fact]
    public async Task Accepts_key_that_appears_after_a_refresh()
    {
        var rotated = Issuer.CreateKey(TestKeySet.BotFramework, "rotated-in", [TestTokenIssuer.ChannelId]);
        var authenticator = CreateAuthenticator();
        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));

        Issuer.Publish(rotated);

        AssertAccepted(await AuthenticateTokenAsync(t => t.SigningKey = rotated, authenticator));
        Assert.Equal(2, Issuer.KeyRequests);
    }

    [Fact]
    public async Task Forced_refreshes_are_rate_limited_to_one_per_five_minutes()
    {
        var rotated = Issuer.CreateKey(TestKeySet.BotFramework, "rotated-in", [TestTokenIssuer.ChannelId]);
        var authenticator = CreateAuthenticator();
        AssertRejected(await AuthenticateTokenAsync(t => t.SigningKey = rotated, authenticator), 401, "unknown");
        var fetchesAfterFirstMiss = Issuer.KeyRequests;

        Issuer.Publish(rotated);
        for (var i = 0; i < 3; i++)
        {
            AssertRejected(await AuthenticateTokenAsync(t => t.SigningKey = rotated, authenticator), 401, "unknown");
        }

        Assert.Equal(fetchesAfterFirstMiss, Issuer.KeyRequests);

        Clock.Advance(TimeSpan.FromMinutes(5));
        AssertAccepted(await AuthenticateTokenAsync(t => t.SigningKey = rotated, authenticator));
        Assert.Equal(fetchesAfterFirstMiss + 1, Issuer.KeyRequests);
    }

    [Fact]
    public async Task Refreshes_keys_in_the_background_after_a_day()
    {
        var authenticator = CreateAuthenticator();
        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
        Issuer.Unpublish(Issuer.BotFrameworkKey);

        Clock.Advance(TimeSpan.FromHours(24));
        AssertAccepted(await AuthenticateTokenAsync(null, authenticator)); // served from the cache while the refresh runs

        await WaitUntilAsync(() => Issuer.KeyRequests == 2);
        // The refresh has reached the issuer, but the cache serves the old keys until its answer has been read.
        await WaitUntilAsync(async () => !(await AuthenticateTokenAsync(null, authenticator)).Succeeded);
        AssertRejected(await AuthenticateTokenAsync(null, authenticator), 401, "unknown");
    }

    [Fact]
    public async Task Keeps_serving_cached_keys_when_a_refresh_fails()
    {
        var authenticator = CreateAuthenticator();
        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
        Issuer.Unavailable = true;
        Clock.Advance(TimeSpan.FromHours(25));

        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
        await WaitUntilAsync(() => Issuer.MetadataRequests == 2);

        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
    }

    [Fact]
    public async Task Reports_keys_unavailable_when_the_first_fetch_fails()
    {
        Issuer.Unavailable = true;

        AssertRejected(await AuthenticateTokenAsync(null), 401, "could not be retrieved");
    }

    [Fact]
    public async Task A_failing_metadata_host_is_asked_once_per_retry_delay_however_many_tokens_arrive()
    {
        var authenticator = CreateAuthenticator();
        Issuer.Unavailable = true;

        for (var i = 0; i < 20; i++)
        {
            AssertRejected(await AuthenticateTokenAsync(t => t.KeyId = $"forged-{i}", authenticator), 401, "could not be retrieved");
        }

        Assert.Equal(1, Issuer.MetadataRequests);

        Issuer.Unavailable = false;
        Clock.Advance(SigningKeyStore.FailedFetchRetryDelay);
        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
        Assert.Equal(2, Issuer.MetadataRequests);
    }

    [Fact]
    public async Task A_failing_background_refresh_is_retried_once_per_retry_delay_however_many_tokens_arrive()
    {
        var authenticator = CreateAuthenticator();
        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
        Issuer.Unavailable = true;
        Clock.Advance(TimeSpan.FromHours(25));

        for (var i = 0; i < 20; i++)
        {
            AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
            await Task.Delay(10);
        }

        Assert.Equal(2, Issuer.MetadataRequests);

        Issuer.Unavailable = false;
        Clock.Advance(SigningKeyStore.FailedFetchRetryDelay);
        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
        await WaitUntilAsync(() => Issuer.KeyRequests == 2);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
