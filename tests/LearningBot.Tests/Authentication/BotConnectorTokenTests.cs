using System.Security.Cryptography;
using System.Text;
using LearningBot.Connector.Authentication;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Authentication;

/// <summary>Tokens issued by the Bot Connector (bot-protocol.md §1.2).</summary>
public sealed class BotConnectorTokenTests : AuthenticatorHarness
{
    [Fact]
    public async Task Accepts_valid_Bot_Connector_token()
    {
        var result = await AuthenticateTokenAsync(null);

        AssertAccepted(result);
        Assert.True(result.Identity!.IsAuthenticated);
        Assert.Equal(TestTokenIssuer.BotFrameworkIssuer, result.Identity.FindFirst("iss")?.Value);
        Assert.Equal(TestTokenIssuer.AppId, result.Identity.FindFirst("aud")?.Value);
        Assert.Null(result.CallerAppId);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Accepts_other_allowed_RSA_algorithms(string algorithm)
    {
        AssertAccepted(await AuthenticateTokenAsync(t => t.Algorithm = algorithm));
    }

    [Fact]
    public async Task Rejects_token_from_unlisted_issuer()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.Issuer = "https://api.botframework.example";
            t.SigningKey = Issuer.BotFrameworkKey;
        });

        AssertRejected(result, 401, "issuer");
    }

    [Fact]
    public async Task Rejects_token_with_wrong_audience()
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.Audience = Guid.NewGuid().ToString()), 401, "audience");
    }

    [Fact]
    public async Task Rejects_token_without_audience()
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.Audience = null), 401, "audience");
    }

    [Fact]
    public async Task Rejects_token_expired_beyond_clock_skew()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.NotBefore = Clock.GetUtcNow().AddHours(-1);
            t.Expires = Clock.GetUtcNow().AddMinutes(-6);
        });

        AssertRejected(result, 401, "expired");
    }

    [Fact]
    public async Task Accepts_token_expired_within_clock_skew()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.NotBefore = Clock.GetUtcNow().AddHours(-1);
            t.Expires = Clock.GetUtcNow().AddMinutes(-4);
        });

        AssertAccepted(result);
    }

    [Fact]
    public async Task Rejects_token_not_yet_valid_beyond_clock_skew()
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.NotBefore = Clock.GetUtcNow().AddMinutes(6)), 401, "not yet valid");
    }

    [Fact]
    public async Task Accepts_token_not_yet_valid_within_clock_skew()
    {
        AssertAccepted(await AuthenticateTokenAsync(t => t.NotBefore = Clock.GetUtcNow().AddMinutes(4)));
    }

    [Fact]
    public async Task Rejects_token_without_expiry()
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.Claims["exp"] = null), 401, "expiry");
    }

    [Fact]
    public async Task Rejects_unsigned_token()
    {
        var token = Issuer.CreateToken(t => t.Algorithm = "none");

        var result = await AuthenticateAsync(Bearer(token));

        AssertRejected(result, 401, "'none' is not allowed");
        Assert.DoesNotContain(token, result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_unsigned_token_that_claims_RS256()
    {
        var signed = Issuer.CreateToken();
        var stripped = signed[..(signed.LastIndexOf('.') + 1)];

        AssertRejected(await AuthenticateAsync(Bearer(stripped)), 401, "signature");
    }

    [Fact]
    public async Task Rejects_HS256_token_signed_with_the_public_key_as_secret()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.Algorithm = "HS256";
            t.SymmetricKey = Encoding.ASCII.GetBytes(Issuer.BotFrameworkKey.PublicKeyPem);
        });

        AssertRejected(result, 401, "'HS256' is not allowed");
    }

    [Fact]
    public async Task Rejects_HS256_token_signed_with_a_shared_secret()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.Algorithm = "HS256";
            t.SymmetricKey = RandomNumberGenerator.GetBytes(32);
        });

        AssertRejected(result, 401, "'HS256' is not allowed");
    }

    [Fact]
    public async Task Accepts_a_US_Government_Bot_Connector_token_once_its_issuer_is_configured()
    {
        var authenticator = CreateAuthenticator(s => s["BotAuthentication:ValidIssuers:0"] = BotAuthenticationDefaults.GovernmentBotFrameworkIssuer);

        var result = await AuthenticateTokenAsync(
            t =>
            {
                t.Issuer = BotAuthenticationDefaults.GovernmentBotFrameworkIssuer;
                t.SigningKey = Issuer.BotFrameworkKey;
            },
            authenticator);

        AssertAccepted(result);
    }

    [Fact]
    public async Task Rejects_a_US_Government_Bot_Connector_token_in_the_public_cloud()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.Issuer = BotAuthenticationDefaults.GovernmentBotFrameworkIssuer;
            t.SigningKey = Issuer.BotFrameworkKey;
        });

        AssertRejected(result, 401, "issuer");
    }

    [Fact]
    public async Task A_US_Government_Bot_Connector_token_must_match_the_service_url_and_endorse_the_channel()
    {
        var authenticator = CreateAuthenticator(s => s["BotAuthentication:ValidIssuers:0"] = BotAuthenticationDefaults.GovernmentBotFrameworkIssuer);
        var unendorsed = Issuer.AddKey(TestKeySet.BotFramework, "us-gov-webchat", ["webchat"]);
        void Government(TokenSpec t)
        {
            t.Issuer = BotAuthenticationDefaults.GovernmentBotFrameworkIssuer;
            t.SigningKey = Issuer.BotFrameworkKey;
        }

        AssertRejected(await AuthenticateTokenAsync(t => { Government(t); t.ServiceUrl = "https://smba.infra.gov.teams.microsoft.us/"; }, authenticator), 401, "serviceurl");
        AssertRejected(await AuthenticateTokenAsync(t => { Government(t); t.SigningKey = unendorsed; }, authenticator), 403, "not endorsed");
    }

    [Fact]
    public async Task Rejects_RSA_PSS_token()
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.Algorithm = "PS256"), 401, "'PS256' is not allowed");
    }

    [Fact]
    public async Task Rejects_token_signed_by_another_key_under_a_published_key_id()
    {
        var impostor = Issuer.CreateKey(TestKeySet.BotFramework, "impostor", [TestTokenIssuer.ChannelId]);

        var result = await AuthenticateTokenAsync(t =>
        {
            t.SigningKey = impostor;
            t.KeyId = Issuer.BotFrameworkKey.KeyId;
        });

        AssertRejected(result, 401, "signature");
    }

    [Fact]
    public async Task Rejects_token_with_tampered_payload()
    {
        var parts = Issuer.CreateToken().Split('.');
        var forged = Issuer.CreateToken(t => t.Audience = "someone-else").Split('.')[1];

        AssertRejected(await AuthenticateAsync(Bearer($"{parts[0]}.{forged}.{parts[2]}")), 401, "signature");
    }

    [Fact]
    public async Task Rejects_token_without_key_id()
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.KeyId = string.Empty), 401, "no key id");
    }

    [Fact]
    public async Task Rejects_Bot_Connector_token_signed_with_an_Entra_key()
    {
        // The Bot Connector issuer takes its keys from the Bot Connector metadata only.
        AssertRejected(await AuthenticateTokenAsync(t => t.SigningKey = Issuer.EntraKey), 401, "unknown");
    }

    [Fact]
    public async Task Forbids_key_without_endorsements()
    {
        var unendorsed = Issuer.AddKey(TestKeySet.BotFramework, "no-endorsements", endorsements: null);

        AssertRejected(await AuthenticateTokenAsync(t => t.SigningKey = unendorsed), 403, "not endorsed for channel 'msteams'");
    }

    [Fact]
    public async Task Forbids_key_endorsed_for_another_channel_only()
    {
        var webchatOnly = Issuer.AddKey(TestKeySet.BotFramework, "webchat-only", ["webchat"]);

        AssertRejected(await AuthenticateTokenAsync(t => t.SigningKey = webchatOnly), 403, "not endorsed");
    }

    [Fact]
    public async Task Forbids_activity_from_a_channel_the_key_does_not_endorse()
    {
        var result = await AuthenticateAsync(
            Bearer(Issuer.CreateToken()),
            TeamsActivity with { ChannelId = "slack" });

        AssertRejected(result, 403, "channel 'slack'");
    }

    /// <summary>
    /// As in the SDK's EndorsementsValidator, an activity naming no channel asserts no endorsement. It goes no further:
    /// once the token is found valid, the endpoint refuses the activity as malformed (400,
    /// <c>Hosting/BadInputTests.Malformed_bodies_are_401_without_a_token_and_400_with_one</c>).
    /// </summary>
    [Fact]
    public async Task An_activity_without_channel_id_asserts_no_endorsement()
    {
        AssertAccepted(await AuthenticateAsync(Bearer(Issuer.CreateToken()), TeamsActivity with { ChannelId = null }));
    }

    [Fact]
    public async Task Rejects_token_without_serviceurl_claim()
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.ServiceUrl = null), 401, "no serviceurl");
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/teams")]
    [InlineData("https://evil.example.com/teams/")]
    public async Task Rejects_activity_whose_serviceUrl_differs_from_the_token(string activityServiceUrl)
    {
        var result = await AuthenticateAsync(Bearer(Issuer.CreateToken()), TeamsActivity with { ServiceUrl = activityServiceUrl });

        AssertRejected(result, 401, "serviceurl does not match");
    }

    [Fact]
    public async Task Compares_serviceurl_ignoring_case()
    {
        var result = await AuthenticateAsync(
            Bearer(Issuer.CreateToken()),
            TeamsActivity with { ServiceUrl = TestTokenIssuer.ServiceUrl.ToUpperInvariant() });

        AssertAccepted(result);
    }

    [Fact]
    public async Task Checks_the_token_before_the_endorsement()
    {
        var unendorsed = Issuer.AddKey(TestKeySet.BotFramework, "no-endorsements");

        var result = await AuthenticateTokenAsync(t =>
        {
            t.SigningKey = unendorsed;
            t.Audience = "someone-else";
        });

        AssertRejected(result, 401, "audience");
    }

    [Fact]
    public async Task Reports_unreachable_metadata_as_401()
    {
        var authenticator = CreateAuthenticator(s => s["BotAuthentication:OpenIdMetadataUrl"] = Issuer.BaseUrl + "/missing");

        AssertRejected(await AuthenticateTokenAsync(null, authenticator), 401, "could not be retrieved");
    }

    [Fact]
    public async Task Refuses_metadata_over_plain_http_unless_allowed()
    {
        var authenticator = CreateAuthenticator(s => s.Remove("BotAuthentication:RequireHttpsMetadata"));

        AssertRejected(await AuthenticateTokenAsync(null, authenticator), 401, "could not be retrieved");
        Assert.Equal(0, Issuer.KeyRequests);
    }
}
