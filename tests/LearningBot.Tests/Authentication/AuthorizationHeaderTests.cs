using LearningBot.Tests.Support;

namespace LearningBot.Tests.Authentication;

/// <summary>The Authorization header itself (bot-protocol.md §1.2 rule 1) and the local run with no app id (§1.4).</summary>
public sealed class AuthorizationHeaderTests : AuthenticatorHarness
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Rejects_request_without_Authorization_header(string? header)
    {
        AssertRejected(await AuthenticateAsync(header), 401, "missing");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer  token")]
    [InlineData("Bearer\ta.b.c")]
    [InlineData("Bearer a.b.c,Bearer a.b.c")]
    [InlineData("Bearer a.b.c extra")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task Rejects_header_that_is_not_Bearer_and_one_token(string header)
    {
        AssertRejected(await AuthenticateAsync(header), 401, "not 'Bearer <token>'");
    }

    [Fact]
    public async Task Rejects_token_sent_with_another_scheme()
    {
        AssertRejected(await AuthenticateAsync("Token " + Issuer.CreateToken()), 401, "not 'Bearer <token>'");
    }

    [Fact]
    public async Task Accepts_the_scheme_in_any_case()
    {
        AssertAccepted(await AuthenticateAsync("bearer " + Issuer.CreateToken()));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.!!!.c2ln")]
    [InlineData("eyJub3QiOiJqc29uIn0")]
    public async Task Rejects_malformed_token(string token)
    {
        AssertRejected(await AuthenticateAsync(Bearer(token)), 401, "not a well-formed JWT");
    }

    [Fact]
    public async Task Is_enabled_when_an_app_id_is_configured()
    {
        Assert.False(CreateAuthenticator().IsDisabled);
    }

    [Fact]
    public async Task Lets_anonymous_request_in_when_no_app_id_is_configured()
    {
        var authenticator = CreateAuthenticator(appId: null);

        var result = await AuthenticateAsync(null, authenticator: authenticator);

        Assert.True(authenticator.IsDisabled);
        AssertAccepted(result);
        Assert.Equal("anonymous", result.Identity!.AuthenticationType);
        Assert.Null(result.CallerAppId);
        Assert.Equal(0, Issuer.MetadataRequests);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Refuses_to_be_built_without_an_app_id_outside_development(string environment)
    {
        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => CreateAuthenticator(appId: null, environment: environment));

        Assert.Contains("MicrosoftAppId is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validates_and_rejects_a_token_sent_when_no_app_id_is_configured()
    {
        var authenticator = CreateAuthenticator(appId: null);

        var result = await AuthenticateTokenAsync(null, authenticator);

        AssertRejected(result, 401, "no MicrosoftAppId is configured");
        Assert.Equal(1, Issuer.KeyRequests); // the token really was checked against the keys
    }

    [Fact]
    public async Task Rejects_a_malformed_header_sent_when_no_app_id_is_configured()
    {
        var authenticator = CreateAuthenticator(appId: "");

        AssertRejected(await AuthenticateAsync("Bearer nonsense", authenticator: authenticator), 401, "not a well-formed JWT");
    }

    [Fact]
    public async Task Never_puts_the_token_in_the_failure()
    {
        var token = Issuer.CreateToken(t => t.Audience = "someone-else");

        var result = await AuthenticateAsync(Bearer(token));

        Assert.False(result.Succeeded);
        Assert.DoesNotContain(token.Split('.')[1], result.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], result.Failure, StringComparison.Ordinal);
    }
}
