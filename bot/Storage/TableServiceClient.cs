using Azure.Core;
using LearningBot.Storage.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningBot.Storage;

/// <summary>
/// The account's Table service, shaped like Azure.Data.Tables' <c>TableServiceClient</c>. Create one per process
/// (it owns the pooled HTTP connections) and hand out <see cref="TableClient"/>s from it.
/// </summary>
public sealed class TableServiceClient : IDisposable
{
    private readonly TablePipeline _pipeline;
    private readonly string _serviceBase;

    /// <summary>From a connection string: account key (Shared Key) signing; <c>UseDevelopmentStorage=true</c> for the emulator.</summary>
    public TableServiceClient(string connectionString, TableClientOptions? options = null, ILogger<TableServiceClient>? logger = null)
        : this(TableConnectionString.Parse(connectionString), options, logger)
    {
    }

    public TableServiceClient(TableConnectionString connection, TableClientOptions? options = null, ILogger<TableServiceClient>? logger = null)
        : this(connection.TableEndpoint,
            new SharedKeyAuthorizer(connection.AccountName, connection.AccountKey, (options ?? new()).SharedKeyScheme),
            options, logger)
    {
        AccountName = connection.AccountName;
    }

    /// <summary>From the table endpoint and an Entra ID credential (managed identity in production), scope <c>https://storage.azure.com/.default</c>.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null, ILogger<TableServiceClient>? logger = null)
        : this(endpoint, new BearerTokenAuthorizer(credential ?? throw new ArgumentNullException(nameof(credential))), options, logger)
    {
    }

    /// <summary>For tests that put a fault-injecting handler in front of the real transport.</summary>
    internal TableServiceClient(TableConnectionString connection, TableClientOptions options, HttpMessageHandler handler)
        : this(connection.TableEndpoint, new SharedKeyAuthorizer(connection.AccountName, connection.AccountKey, options.SharedKeyScheme), options, null, handler)
    {
        AccountName = connection.AccountName;
    }

    private TableServiceClient(Uri endpoint, ITableRequestAuthorizer authorizer, TableClientOptions? options, ILogger? logger, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("The table endpoint must be an absolute http(s) URI.", nameof(endpoint));
        }

        Endpoint = endpoint;
        AccountName = endpoint.Host.Split('.')[0];
        _serviceBase = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _pipeline = new TablePipeline(authorizer, options ?? new TableClientOptions(), logger ?? NullLogger.Instance, handler);
    }

    public Uri Endpoint { get; }

    public string AccountName { get; }

    public TableClient GetTableClient(string tableName) => new(_pipeline, _serviceBase, tableName);

    public async Task<TableClient> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default)
    {
        var table = GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return table;
    }

    public Task DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);

    /// <summary>A cheap authenticated round trip (list at most one table), for health checks. Throws when storage is unusable.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(new TableRequest
        {
            Method = HttpMethod.Get,
            Uri = new Uri($"{_serviceBase}/Tables?$top=1"),
            Operation = "Ping",
        }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw TablePipeline.ToException(response, "Ping table service");
        }
    }

    public void Dispose() => _pipeline.Dispose();
}
