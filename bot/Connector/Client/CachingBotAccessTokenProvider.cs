namespace LearningBot.Connector.Client;

/// <summary>
/// Caches the token of an <see cref="IBotTokenSource"/> until <see cref="RefreshBefore"/> ahead of expiry.
/// Concurrent callers share one refresh. A null source means a local run: no tokens.
/// </summary>
public sealed partial class CachingBotAccessTokenProvider(IBotTokenSource? source, TimeProvider time, ILogger<CachingBotAccessTokenProvider> logger)
    : IBotAccessTokenProvider, IDisposable
{
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    /// <summary>If a refresh fails, a cached token still valid for this long is used instead.</summary>
    private static readonly TimeSpan MinimumRemainingOnFailure = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private BotAccessToken? _cached;

    public bool IssuesTokens => source is not null;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        if (source is null)
        {
            return null;
        }

        if (Fresh(_cached) is { } token)
        {
            return token.Token;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_cached) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile.Token;
            }

            return (await RefreshAsync(source, cancellationToken).ConfigureAwait(false)).Token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private BotAccessToken? Fresh(BotAccessToken? token) =>
        token is not null && time.GetUtcNow() < token.ExpiresOn - RefreshBefore ? token : null;

    private async Task<BotAccessToken> RefreshAsync(IBotTokenSource tokenSource, CancellationToken cancellationToken)
    {
        try
        {
            var token = await tokenSource.AcquireTokenAsync(cancellationToken).ConfigureAwait(false);
            _cached = token;
            LogAcquired(logger, tokenSource.Kind, token.ExpiresOn);
            return token;
        }
        catch (Exception ex) when (ex is not OperationCanceledException
            && _cached is { } stale && time.GetUtcNow() < stale.ExpiresOn - MinimumRemainingOnFailure)
        {
            LogRefreshFailedUsingCached(logger, ex, tokenSource.Kind, stale.ExpiresOn);
            return stale;
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Acquired a Bot Connector access token ({Kind}), expires {ExpiresOn:o}")]
    private static partial void LogAcquired(ILogger logger, string kind, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Refreshing the Bot Connector access token ({Kind}) failed; using the cached one, which expires {ExpiresOn:o}")]
    private static partial void LogRefreshFailedUsingCached(ILogger logger, Exception exception, string kind, DateTimeOffset expiresOn);
}
