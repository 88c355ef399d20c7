using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace TableBench;

/// <summary>
/// The Azure.Data.Tables client exactly as the bot ships it. The bench measures this configuration; the method moves into
/// the bot as it is (the same options go to the endpoint + TokenCredential constructor for managed identity).
/// </summary>
internal static class ShippedTables
{
    /// <summary>Call once per process and keep the client (a DI singleton): it owns the connection pool.</summary>
    public static TableServiceClient CreateShippedClient(string connectionString)
    {
        // One pool for every table of the account. Azure.Core's own default is a SocketsHttpHandler too, with no limit on
        // connections per server, 5 min connection lifetime and 1 min idle timeout; these values are stated here so they do
        // not depend on Azure.Core internals, and they cap connections to the storage host well under App Service's
        // 128 pre-allocated SNAT ports per instance (a slow storage account must queue requests, not exhaust ports).
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5), // picks up DNS changes (failover)
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
        };

        var options = new TableClientOptions
        {
            // Through an HttpClient without its own 100 s timeout (HttpClientTransport(handler) would keep it): the
            // pipeline times each attempt (NetworkTimeout), as with Azure.Core's default transport; the second timer cost
            // about 0.1-0.2 KB per request.
            Transport = new HttpClientTransport(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }),
            // The retry budget of the hand-written client it replaces: 3 retries from 200 ms, doubling (with jitter) up
            // to 4 s, 30 s per attempt (the Table service gives up on a request after 30 s) instead of the SDK's 0.8 s
            // first delay, 1 min max delay and 100 s per attempt.
            Retry =
            {
                Mode = RetryMode.Exponential,
                MaxRetries = 3,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(4),
                NetworkTimeout = TimeSpan.FromSeconds(30),
            },
            // Off: Azure.Core logs every 409 and 412 as a Warning ("Error response"), and the bot gets those in normal flow
            // (AddEntity on an existing row, ETag conflicts); the Azure Monitor distro forwards Azure SDK warnings to
            // Application Insights. Failures still reach the bot as RequestFailedException. Distributed tracing (a
            // dependency span per call when a tracer listens) and the SDK's User-Agent stay on.
            Diagnostics = { IsLoggingEnabled = false },
        };

        return new TableServiceClient(connectionString, options);
    }
}
