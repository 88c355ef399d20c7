using System.Collections.Concurrent;
using Azure.Core;
using LearningBot.Telemetry;
using Azure.Storage.Queues;

namespace LearningBot.Storage;

/// <summary>
/// The storage account's queues (Azure Queue Storage through Azure.Storage.Queues), reached the same way as its tables:
/// Entra ID with <c>Storage:QueueEndpoint</c> (or the table endpoint's account) in production, else the connection string.
/// Queue names get the deployment's <c>Storage:TablePrefix</c>, lower-cased, so deployments and test classes sharing one
/// account stay apart.
/// </summary>
public sealed class QueueStorage
{
    private readonly ConcurrentDictionary<string, LazyQueue> _queues = new(StringComparer.Ordinal);

    public QueueStorage(QueueServiceClient service, string prefix = "")
    {
        Service = service;
        Prefix = prefix.ToLowerInvariant();
    }

    public QueueServiceClient Service { get; }

    public string Prefix { get; }

    public static QueueStorage Create(TableStorageOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new QueueClientOptions { Transport = TableStorage.Transport };
        clientOptions.Retry.Mode = Azure.Core.RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.IsLoggingEnabled = false;
        clientOptions.AddPolicy(StorageLatencyPolicy.ForQueues(), HttpPipelinePosition.PerCall);
        var endpoint = options.QueueEndpoint ?? QueueEndpointOf(options.TableEndpoint);
        var service = endpoint is not null
            ? new QueueServiceClient(endpoint, new BoundedCredential(credential ?? TableStorage.Credential(options), options.NetworkTimeout), clientOptions)
            : new QueueServiceClient(options.ConnectionString, clientOptions);
        return new QueueStorage(service, options.TablePrefix);
    }

    /// <summary>The full name of one of the bot's queues in this deployment (3–63 lower-case letters, digits and hyphens).</summary>
    public string QueueName(string name)
    {
        var full = Prefix.Length == 0 ? name : $"{Prefix}-{name}";
        if (full.Length is < 3 or > 63 || !full.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ||
            full.StartsWith('-') || full.EndsWith('-') || full.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{full}' is not a valid queue name.", nameof(name));
        }

        return full;
    }

    /// <summary>A queue that is created the first time it is used.</summary>
    public LazyQueue Queue(string name) => _queues.GetOrAdd(name, key => new LazyQueue(Service.GetQueueClient(QueueName(key))));

    private static Uri? QueueEndpointOf(Uri? tableEndpoint) =>
        tableEndpoint is null ? null : new UriBuilder(tableEndpoint) { Host = tableEndpoint.Host.Replace(".table.", ".queue.", StringComparison.OrdinalIgnoreCase) }.Uri;
}
