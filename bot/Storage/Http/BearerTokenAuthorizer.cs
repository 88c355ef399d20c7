using Azure.Core;

namespace LearningBot.Storage.Http;

/// <summary>Entra ID (managed identity in production): a cached bearer token for the storage audience, refreshed before it expires.</summary>
internal sealed class BearerTokenAuthorizer : ITableRequestAuthorizer
{
    private static readonly TokenRequestContext StorageScope = new(["https://storage.azure.com/.default"]);
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _token;

    public BearerTokenAuthorizer(TokenCredential credential) => _credential = credential;

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, string? contentType, CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is null || token.IsStale)
        {
            token = await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        request.Headers.TryAddWithoutValidation("x-ms-date", RequestDate.Now());
        request.Headers.TryAddWithoutValidation("Authorization", token.HeaderValue);
    }

    private async Task<CachedToken> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _token;
            if (current is not null && !current.IsStale)
            {
                return current;
            }

            var accessToken = await _credential.GetTokenAsync(StorageScope, cancellationToken).ConfigureAwait(false);
            var refreshAt = accessToken.RefreshOn ?? accessToken.ExpiresOn - RefreshMargin;
            var fresh = new CachedToken("Bearer " + accessToken.Token, refreshAt);
            _token = fresh;
            return fresh;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record CachedToken(string HeaderValue, DateTimeOffset RefreshAt)
    {
        public bool IsStale => DateTimeOffset.UtcNow >= RefreshAt;
    }
}
