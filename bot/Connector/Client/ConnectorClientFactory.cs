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

    public IConnectorClient Create(string serviceUrl)
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
