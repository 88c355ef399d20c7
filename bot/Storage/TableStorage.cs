using Azure;
using Azure.Core;
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

    /// <summary>From the <c>Storage</c> options: Entra ID (managed identity) with a table endpoint, else the connection string.</summary>
    public static TableStorage Create(TableStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = ClientOptions(options);
        var service = options.TableEndpoint is { } endpoint
            ? new TableServiceClient(endpoint, Credential(options), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
        return new TableStorage(service, options.TablePrefix);
    }

    /// <summary>The client options the bot ships with; the table benchmark measures exactly these.</summary>
    public static TableClientOptions ClientOptions(TableStorageOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.AddPolicy(new StorageLatencyPolicy(), HttpPipelinePosition.PerCall);
        return clientOptions;
    }

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

    private static TokenCredential Credential(TableStorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
}
