using System.Collections.Concurrent;
using Azure.Core;

namespace LearningBot.Tests.Support;

/// <summary>A credential that hands out one fixed token and remembers the scopes it was asked for.</summary>
public sealed class GraphStubCredential(string token) : TokenCredential
{
    private readonly ConcurrentQueue<string> _scopes = new();

    public string Token => token;

    public IReadOnlyList<string> RequestedScopes => [.. _scopes];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            _scopes.Enqueue(scope);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
