using Azure.Core;
using LearningBot.Storage.Http;

namespace LearningBot.Tests.Storage;

public sealed class BearerTokenAuthorizerTests
{
    [Fact]
    public async Task Asks_for_the_storage_scope_once_and_reuses_the_token_until_it_nears_expiry()
    {
        var credential = new CountingCredential(TimeSpan.FromHours(1));
        var authorizer = new BearerTokenAuthorizer(credential);

        var first = await AuthorizeAsync(authorizer);
        var second = await AuthorizeAsync(authorizer);

        Assert.Equal("Bearer token-1", first);
        Assert.Equal("Bearer token-1", second);
        Assert.Equal(1, credential.Calls);
        Assert.Equal(["https://storage.azure.com/.default"], credential.LastScopes);
    }

    [Fact]
    public async Task Refreshes_a_token_that_is_about_to_expire()
    {
        var credential = new CountingCredential(TimeSpan.FromMinutes(2));
        var authorizer = new BearerTokenAuthorizer(credential);

        await AuthorizeAsync(authorizer);
        var second = await AuthorizeAsync(authorizer);

        Assert.Equal("Bearer token-2", second);
        Assert.Equal(2, credential.Calls);
    }

    private static async Task<string> AuthorizeAsync(BearerTokenAuthorizer authorizer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://learnhub.table.core.windows.net/Tables");
        await authorizer.AuthorizeAsync(request, null, CancellationToken.None);
        Assert.True(request.Headers.Contains("x-ms-date"));
        return request.Headers.GetValues("Authorization").Single();
    }

    /// <summary>Issues numbered tokens with a fixed lifetime, as Entra ID would.</summary>
    private sealed class CountingCredential(TimeSpan lifetime) : TokenCredential
    {
        public int Calls { get; private set; }

        public string[] LastScopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Calls++;
            LastScopes = requestContext.Scopes;
            return new AccessToken($"token-{Calls}", DateTimeOffset.UtcNow + lifetime);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
