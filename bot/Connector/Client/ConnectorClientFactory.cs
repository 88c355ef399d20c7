using LearningBot.Connector.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Connector.Client;

/// <summary>Creates connector clients over the one pooled HttpClient registered as <see cref="HttpClientName"/>.</summary>
public sealed class ConnectorClientFactory(
    IHttpClientFactory httpClientFactory,
    IBotAccessTokenProvider tokens,
    IOptions<BotAuthenticationOptions> authenticationOptions,
    IOptions<ConnectorRetryOptions> retryOptions,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IConnectorClientFactory
{
    public const string HttpClientName = "BotConnector";

    private readonly ConnectorHostPolicy _hostPolicy = new(authenticationOptions.Value.EffectiveAllowedConnectorHosts);
    private readonly ConnectorRetryPolicy _retry = new(retryOptions.Value);
    private readonly ILogger _logger = loggerFactory.CreateLogger<ConnectorClient>();

    // The named client's handler lives as long as the process (its connections are renewed by the handler itself), so
    // one HttpClient serves every turn; asking the factory for one per turn built it and parsed its User-Agent each time.
    private readonly HttpClient _http = httpClientFactory.CreateClient(HttpClientName);

    /// <summary>More distinct service URLs than Teams uses (one per region and cloud): past this, clients are made per call.</summary>
    private const int MaxCachedClients = 64;

    // A client holds nothing but its service URL and these shared parts, so one per URL serves every turn (saving the
    // URL's parse and the client per turn). Only URLs that passed the checks below are kept, and the checks depend on
    // nothing that changes while the process runs.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ConnectorClient> _clients = new(StringComparer.Ordinal);

    public IConnectorClient Create(string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (_clients.TryGetValue(serviceUrl, out var known))
        {
            return known;
        }

        var client = CreateClient(serviceUrl);
        if (_clients.Count < MaxCachedClients)
        {
            _clients.TryAdd(serviceUrl, client);
        }

        return client;
    }

    private ConnectorClient CreateClient(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"'{serviceUrl}' is not an absolute http(s) serviceUrl.", nameof(serviceUrl));
        }

        // Fail before any call: with credentials, only allow-listed connector hosts (or loopback, without a token) are reachable.
        if (tokens.IssuesTokens && !ConnectorHostPolicy.IsLoopback(uri) && !_hostPolicy.MayReceiveToken(uri))
        {
            throw new UntrustedConnectorHostException(uri);
        }

        return new ConnectorClient(uri, _http, tokens, _hostPolicy, _retry, time, _logger);
    }
}
