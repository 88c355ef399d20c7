using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LearningBot.Storage;

public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="TableStorage"/> from the <c>Storage</c> section: <c>Storage:TableEndpoint</c> with
    /// managed identity (<c>Storage:ManagedIdentityClientId</c> optional) in production, otherwise
    /// <c>Storage:ConnectionString</c> (default <c>UseDevelopmentStorage=true</c>). The settings are checked when the host
    /// starts. Capabilities that store rows call this themselves, so only the first call registers anything.
    /// </summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(TableStorageRegistered)))
        {
            return services;
        }

        services.TryAddSingleton<TableStorageRegistered>();
        services.AddOptions<TableStorageOptions>()
            .BindConfiguration(TableStorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(provider => TableStorage.Create(provider.GetRequiredService<IOptions<TableStorageOptions>>().Value));
        services.TryAddSingleton(provider => QueueStorage.Create(provider.GetRequiredService<IOptions<TableStorageOptions>>().Value));
        return services;
    }

    /// <summary>Marks the registration as done.</summary>
    private sealed class TableStorageRegistered;
}
