using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using LearningBot.Telemetry;

namespace LearningBot.Storage;

/// <summary>
/// The bot's table storage: one Azure.Data.Tables <see cref="TableServiceClient"/> for the process (it owns the pooled
/// connections) and the table-name prefix of this deployment. Stores ask it for their tables by name.
/// </summary>
public sealed class TableStorage
{
    public TableStorage(TableServiceClient service, string tablePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        if (tablePrefix.Length > 0)
        {
            TableKeyRules.ValidateTableName(tablePrefix + "Table");
        }

        Service = service;
        TablePrefix = tablePrefix;
    }

    public TableServiceClient Service { get; }

    public string TablePrefix { get; }

    private static readonly Lazy<HttpPipelineTransport> SharedTransport = new(CreateTransport);

    /// <summary>The process's one storage connection pool (tables and queues share it).</summary>
    internal static HttpPipelineTransport Transport => SharedTransport.Value;

    /// <summary>
    /// From the <c>Storage</c> options: Entra ID (managed identity, or <paramref name="credential"/> when given) with a
    /// table endpoint, else the connection string. The credential gets <c>Storage:NetworkTimeout</c> to produce a token,
    /// so an identity endpoint that hangs counts as a storage failure too.
    /// </summary>
    public static TableStorage Create(TableStorageOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = ClientOptions(options);
        var service = options.TableEndpoint is { } endpoint
            ? new TableServiceClient(endpoint, new BoundedCredential(credential ?? Credential(options), options.NetworkTimeout), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
        return new TableStorage(service, options.TablePrefix);
    }

    /// <summary>
    /// The client options the bot ships with (bench/table.sh measures exactly these): our retry budget instead of the
    /// SDK's (0.8 s first delay, 1 min max delay, 100 s per attempt) through <see cref="StorageRetryPolicy"/>, which
    /// also keeps a turn inside its <see cref="StorageBudget"/>, the process's one connection pool, and the SDK's
    /// own logging off, because it logs every 409 and 412 as a warning and the stores meet those in normal flow
    /// (an add that finds its row, an ETag that moved on). Failures still reach the stores as exceptions, and the
    /// SDK's spans stay on for telemetry.
    /// </summary>
    public static TableClientOptions ClientOptions(TableStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new TableClientOptions { Transport = SharedTransport.Value };
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.RetryPolicy = new StorageRetryPolicy(options);
        clientOptions.Diagnostics.IsLoggingEnabled = false;
        clientOptions.AddPolicy(new StorageLatencyPolicy(), HttpPipelinePosition.PerCall);
        return clientOptions;
    }

    /// <summary>
    /// One connection pool for every table client of the process. The limits are stated rather than left to Azure.Core:
    /// at most 64 connections to the storage host (well under App Service's 128 pre-allocated outbound ports, so a slow
    /// account queues requests instead of exhausting ports), connections renewed every 5 minutes so a failover's DNS
    /// change is picked up, and no HttpClient timeout of its own: the pipeline times each attempt (NetworkTimeout).
    /// </summary>
    public static HttpPipelineTransport CreateTransport() => new HttpClientTransport(new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 64,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    /// <summary>The full name of one of the bot's tables in this deployment.</summary>
    public string TableName(string name)
    {
        var full = TablePrefix + name;
        TableKeyRules.ValidateTableName(full);
        return full;
    }

    /// <summary>A table that is created the first time it is used.</summary>
    public LazyTable Table(string name) => new(Service, TableName(name));

    /// <summary>A cheap authenticated round trip (list at most one table), for health checks. Throws when storage is unusable.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var _ in Service.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            return;
        }
    }

    internal static TokenCredential Credential(TableStorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
}
