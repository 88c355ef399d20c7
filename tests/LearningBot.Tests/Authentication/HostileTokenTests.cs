using System.Text;
using LearningBot.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Tests.Authentication;

/// <summary>
/// Forged and hostile tokens (rule 2.2 of docs/protocol-conformance.md): members of the wrong type, keys offered by the
/// token itself, oversized tokens. Each is a plain 401, never an exception.
/// </summary>
public sealed class HostileTokenTests : AuthenticatorHarness
{
    public static TheoryData<string, object> ClaimsOfTheWrongType => new()
    {
        { "iss", 42 },
        { "iss", new[] { TestTokenIssuer.BotFrameworkIssuer } },
        { "iss", new { value = TestTokenIssuer.BotFrameworkIssuer } },
        { "aud", 42 },
        { "aud", new { value = TestTokenIssuer.AppId } },
        { "aud", new object[] { 42, new { } } },
        { "exp", "tomorrow" },
        { "exp", new { value = 1 } },
        { "exp", 1e300 },
        { "exp", decimal.MaxValue },
        { "nbf", "yesterday" },
        { "nbf", -1e300 },
        { "serviceurl", 42 },
        { "serviceurl", new[] { TestTokenIssuer.ServiceUrl } },
    };

    [Theory]
    [MemberData(nameof(ClaimsOfTheWrongType))]
    public async Task Rejects_a_claim_of_the_wrong_type_with_401(string claim, object value)
    {
        var result = await AuthenticateTokenAsync(t => t.Claims[claim] = value);

        Assert.False(result.Succeeded);
        Assert.Equal(401, result.StatusCode);
    }

    public static TheoryData<string, object> HeadersOfTheWrongType => new()
    {
        { "alg", 42 },
        { "alg", new[] { "RS256" } },
        { "kid", 42 },
        { "kid", new { value = "key" } },
        { "typ", 42 },
        { "crit", "exp" },
    };

    [Theory]
    [MemberData(nameof(HeadersOfTheWrongType))]
    public async Task Rejects_a_header_member_of_the_wrong_type_with_401(string member, object value)
    {
        var result = await AuthenticateTokenAsync(t => t.Headers[member] = value);

        Assert.False(result.Succeeded);
        Assert.Equal(401, result.StatusCode);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(true)]
    public async Task Rejects_an_entra_token_whose_tid_is_not_a_string(object tenantId)
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraV2(TestTokenIssuer.BotTenantId);
            t.Claims["tid"] = tenantId;
        });

        AssertRejected(result, 401, "tid");
    }

    [Fact]
    public async Task Rejects_a_token_that_names_critical_header_extensions()
    {
        // RFC 7515 4.1.11: the bot understands no extensions, so a token that says it must is refused.
        var result = await AuthenticateTokenAsync(t =>
        {
            t.Headers["crit"] = new[] { "b64" };
            t.Headers["b64"] = false;
        });

        AssertRejected(result, 401, "crit");
    }

    [Fact]
    public async Task Rejects_a_token_valid_from_after_it_expires_even_within_the_clock_skew()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.NotBefore = Clock.GetUtcNow().AddMinutes(2);
            t.Expires = Clock.GetUtcNow().AddMinutes(1);
        });

        AssertRejected(result, 401, "lifetime");
    }

    [Fact]
    public async Task Ignores_a_key_embedded_in_the_token_header()
    {
        // Signed with a key of the attacker's own, offered in the header under the id of a published key.
        using var attacker = Issuer.CreateKey(TestKeySet.BotFramework, "attacker", ["msteams"]);
        var result = await AuthenticateTokenAsync(t =>
        {
            t.SigningKey = attacker;
            t.KeyId = Issuer.BotFrameworkKey.KeyId;
            t.Headers["jwk"] = JwkOf(attacker);
        });

        AssertRejected(result, 401, "signature");
    }

    [Fact]
    public async Task Never_fetches_keys_from_an_address_the_token_names()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.KeyId = "not-published";
            t.Headers["jku"] = Issuer.BaseUrl + "/attacker/keys";
            t.Headers["x5u"] = Issuer.BaseUrl + "/attacker/cert";
        });

        AssertRejected(result, 401, "unknown");
    }

    [Fact]
    public async Task Rejects_a_token_signed_with_none_under_a_published_key_id()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.Algorithm = "none";
            t.KeyId = Issuer.BotFrameworkKey.KeyId;
        });

        AssertRejected(result, 401, "algorithm");
        Assert.Equal(0, Issuer.MetadataRequests);
    }

    [Theory]
    [InlineData("NONE")]
    [InlineData("None")]
    [InlineData("rs256")]
    [InlineData("RS256 ")]
    [InlineData("")]
    public async Task Rejects_an_algorithm_name_that_only_resembles_an_allowed_one(string algorithm)
    {
        var token = Issuer.CreateToken(t => t.Headers["alg"] = algorithm);

        AssertRejected(await AuthenticateAsync(Bearer(token)), 401, "algorithm");
    }

    [Fact]
    public async Task Rejects_an_oversized_token_without_fetching_keys()
    {
        var token = Issuer.CreateToken(t => t.Claims["padding"] = new string('a', 300_000));

        var result = await AuthenticateAsync(Bearer(token));

        Assert.False(result.Succeeded);
        Assert.Equal(401, result.StatusCode);
        Assert.Equal(0, Issuer.MetadataRequests);
    }

    [Fact]
    public async Task Rejects_an_encrypted_token()
    {
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"RSA-OAEP","enc":"A256GCM","kid":"k"}"""));

        AssertRejected(await AuthenticateAsync(Bearer($"{header}.a2V5.aXY.Y2lwaGVy.dGFn")), 401, "not a well-formed JWT");
    }

    [Theory]
    [InlineData("https://api.botframework.com/")]
    [InlineData("HTTPS://API.BOTFRAMEWORK.COM")]
    [InlineData("https://api.botframework.com.attacker.example")]
    [InlineData(" https://api.botframework.com")]
    public async Task Rejects_an_issuer_that_only_resembles_the_bot_connector(string issuer)
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.Claims["iss"] = issuer), 401, "issuer");
    }

    [Theory]
    [InlineData("api://" + TestTokenIssuer.AppId)]
    [InlineData(TestTokenIssuer.AppId + " ")]
    [InlineData("https://api.botframework.com")]
    public async Task Rejects_an_audience_that_only_resembles_the_app_id(string audience)
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.Audience = audience), 401, "audience");
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams")]
    [InlineData("https://smba.trafficmanager.net/teams/ ")]
    [InlineData("https://smba.trafficmanager.net/teams/../amer/")]
    [InlineData("https://smba.trafficmanager.net.attacker.example/teams/")]
    public async Task Rejects_an_activity_whose_service_url_only_resembles_the_token_claim(string serviceUrl)
    {
        var activity = TeamsActivity with { ServiceUrl = serviceUrl };

        AssertRejected(await AuthenticateAsync(Bearer(Issuer.CreateToken()), activity), 401, "serviceurl");
    }

    private static Dictionary<string, object> JwkOf(TestSigningKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new()
        {
            ["kty"] = "RSA",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
        };
    }
}
