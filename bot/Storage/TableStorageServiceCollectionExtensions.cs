using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LearningBot.Storage;

public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="TableStorage"/> from the <c>Storage</c> section: <c>Storage:TableEndpoint</c> with
    /// managed identity (<c>Storage:ManagedIdentityClientId</c> optional) in production, otherwise
    /// <c>Storage:ConnectionString</c> (default <c>UseDevelopmentStorage=true</c>).
    /// </summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TableStorageOptions>().Bind(configuration.GetSection(TableStorageOptions.SectionName));
        services.TryAddSingleton(provider => TableStorage.Create(provider.GetRequiredService<IOptions<TableStorageOptions>>().Value));
        return services;
    }
}
