using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Connector.Authentication;

/// <summary>
/// Fetches OpenID metadata and its JWKS, per metadata URL, and caches the keys. Cached keys are served without
/// waiting; once older than the refresh interval they are refreshed in the background. A token with an unknown
/// <c>kid</c> forces a refresh, at most once per <see cref="BotAuthenticationOptions.MinimumForcedKeyRefreshInterval"/>.
/// The metadata URLs come from settings (one for the Bot Connector, one for Entra ID); a cache is kept for at most
/// <see cref="MaxMetadataUrls"/> of them, and any further URL is fetched for each request without being kept.
/// </summary>
internal sealed partial class SigningKeyStore(
    IHttpClientFactory httpClientFactory,
    IOptions<BotAuthenticationOptions> options,
    TimeProvider time,
    ILogger<SigningKeyStore> logger)
{
    public const string HttpClientName = "LearningBot.OpenIdMetadata";

    /// <summary>More metadata URLs than the settings can name; the key caches never grow past this.</summary>
    public const int MaxMetadataUrls = 8;

    /// <summary>
    /// After a fetch fails, the next one waits this long, whatever asks for it: a forged token per request must not
    /// become two requests per request to a metadata host that is failing.
    /// </summary>
    public static readonly TimeSpan FailedFetchRetryDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, KeySetCache> _caches = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private BotAuthenticationOptions Options => options.Value;

    /// <summary>How many metadata URLs have a key cache now.</summary>
    internal int CachedMetadataUrls => _caches.Count;

    public ValueTask<SigningKeyLookup> FindAsync(string metadataUrl, string keyId, CancellationToken cancellationToken)
    {
        if (!_caches.TryGetValue(metadataUrl, out var cache))
        {
            cache = _caches.Count < MaxMetadataUrls
                ? _caches.GetOrAdd(metadataUrl, url => new KeySetCache(url, this))
                : new KeySetCache(metadataUrl, this);
        }

        return cache.FindAsync(keyId, cancellationToken);
    }

    private async Task<SigningKeySet> FetchAsync(string metadataUrl)
    {
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var metadata = await GetJsonAsync(client, metadataUrl).ConfigureAwait(false);
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
            ? uri.GetString()!
            : throw new InvalidDataException("OpenID metadata has no jwks_uri.");
        var metadataIssuer = metadata.RootElement.TryGetProperty("issuer", out var iss) && iss.ValueKind == JsonValueKind.String
            ? iss.GetString()
            : null;

        using var jwks = await GetJsonAsync(client, jwksUri).ConfigureAwait(false);
        var keys = ParseKeys(jwks.RootElement);
        LogKeysFetched(_logger, metadataUrl, keys.Count);
        return new SigningKeySet(keys, metadataIssuer, _time.GetUtcNow());
    }

    private async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) ||
            (Options.RequireHttpsMetadata && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"Metadata address '{url}' must be an absolute HTTPS URL.");
        }

        using var response = await client.GetAsync(uri).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, SigningKey> ParseKeys(JsonElement jwks)
    {
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        if (!jwks.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("JWKS document has no keys array.");
        }

        foreach (var element in array.EnumerateArray())
        {
            var kid = StringMember(element, "kid");
            var use = StringMember(element, "use");
            if (string.IsNullOrEmpty(kid) || StringMember(element, "kty") != "RSA" || (use is not null && use != "sig"))
            {
                continue;
            }

            keys[kid] = new SigningKey(new JsonWebKey(element.GetRawText()), Endorsements(element), StringMember(element, "issuer"));
        }

        return keys;
    }

    private static List<string> Endorsements(JsonElement key) =>
        key.TryGetProperty("endorsements", out var endorsements) && endorsements.ValueKind == JsonValueKind.Array
            ? [.. endorsements.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys from {MetadataUrl}")]
    private static partial void LogKeysFetched(ILogger logger, string metadataUrl, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch signing keys from {MetadataUrl}")]
    private static partial void LogFetchFailed(ILogger logger, string metadataUrl, Exception exception);

    /// <summary>The cache for one metadata URL: one snapshot, at most one fetch in flight.</summary>
    private sealed class KeySetCache(string metadataUrl, SigningKeyStore store)
    {
        private readonly Lock _gate = new();
        private volatile SigningKeySet? _current;
        private Task<SigningKeySet?>? _inFlight;
        private DateTimeOffset? _lastForcedRefresh;
        private DateTimeOffset? _lastFailure;

        public async ValueTask<SigningKeyLookup> FindAsync(string keyId, CancellationToken cancellationToken)
        {
            var keySet = _current;
            if (keySet is null)
            {
                keySet = await RefreshAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                if (keySet is null)
                {
                    return default;
                }
            }
            else if (store._time.GetUtcNow() - keySet.FetchedAt >= store.Options.KeyRefreshInterval)
            {
                _ = RefreshAsync();
            }

            if (keySet.Keys.TryGetValue(keyId, out var key))
            {
                return new SigningKeyLookup(key, keySet);
            }

            if (!TryClaimForcedRefresh())
            {
                return new SigningKeyLookup(null, keySet);
            }

            keySet = await RefreshAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return new SigningKeyLookup(keySet?.Keys.GetValueOrDefault(keyId), keySet);
        }

        private bool TryClaimForcedRefresh()
        {
            var now = store._time.GetUtcNow();
            lock (_gate)
            {
                if (_lastForcedRefresh is { } last && now - last < store.Options.MinimumForcedKeyRefreshInterval)
                {
                    return false;
                }

                _lastForcedRefresh = now;
                return true;
            }
        }

        /// <summary>
        /// Joins the fetch in flight or starts one, unless the last one failed less than <see cref="FailedFetchRetryDelay"/>
        /// ago. Never throws: on failure it yields the keys already held (or null).
        /// </summary>
        private Task<SigningKeySet?> RefreshAsync()
        {
            lock (_gate)
            {
                if (_inFlight is null && _lastFailure is { } failed && store._time.GetUtcNow() - failed < FailedFetchRetryDelay)
                {
                    return Task.FromResult(_current);
                }

                return _inFlight ??= FetchAndStoreAsync();
            }
        }

        private async Task<SigningKeySet?> FetchAndStoreAsync()
        {
            // Leave the lock before any work, so the finally below always runs after _inFlight is set.
            await Task.Yield();
            try
            {
                _current = await store.FetchAsync(metadataUrl).ConfigureAwait(false);
                _lastFailure = null;
            }
            catch (Exception ex)
            {
                _lastFailure = store._time.GetUtcNow();

                // Any failure (network, timeout, bad JSON, bad key) leaves the keys already held in place; a
                // background refresh has nobody to throw to.
                LogFetchFailed(store._logger, metadataUrl, ex);
            }
            finally
            {
                lock (_gate)
                {
                    _inFlight = null;
                }
            }

            return _current;
        }
    }
}
