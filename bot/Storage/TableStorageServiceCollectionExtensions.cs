using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Storage;

public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="TableServiceClient"/> from the <c>Storage</c> section: <c>Storage:TableEndpoint</c>
    /// with managed identity (<c>Storage:ManagedIdentityClientId</c> optional) in production, otherwise
    /// <c>Storage:ConnectionString</c> (default <c>UseDevelopmentStorage=true</c>). Also registers
    /// <see cref="TableStorageHealthCheck"/> for the host to add to its health checks.
    /// </summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TableStorageOptions>().Bind(configuration.GetSection(TableStorageOptions.SectionName));
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TableStorageOptions>>().Value;
            var logger = provider.GetRequiredService<ILogger<TableServiceClient>>();
            return options.TableEndpoint is { } endpoint
                ? new TableServiceClient(endpoint, CreateCredential(options), logger: logger)
                : new TableServiceClient(options.ConnectionString, logger: logger);
        });
        services.TryAddSingleton<TableStorageHealthCheck>();
        return services;
    }

    private static TokenCredential CreateCredential(TableStorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
}

/// <summary>Healthy when the Table service answers an authenticated request.</summary>
public sealed class TableStorageHealthCheck(TableServiceClient tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await tables.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Table service at {tables.Endpoint.Host} answered.");
        }
        catch (TableStorageException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Table service at {tables.Endpoint.Host} is unavailable.", ex);
        }
    }
}
