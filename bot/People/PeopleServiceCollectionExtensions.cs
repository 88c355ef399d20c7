using Azure.Core;
using Azure.Identity;
using LearningBot.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace LearningBot.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPeopleDirectory"/> from the <c>People</c> section: the table-backed directory seeded from
    /// the CSV (<c>People:Source=Directory</c>, the default) or Microsoft Graph (<c>People:Source=Graph</c>), plus a
    /// start-up service that applies the seed. The settings are checked when the host starts.
    /// </summary>
    public static IServiceCollection AddPeopleDirectory(this IServiceCollection services)
    {
        services.AddOptions<PeopleOptions>()
            .BindConfiguration(PeopleOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTableStorage();
        services.TryAddKeyedSingleton<IMemoryCache>(GraphPeopleDirectory.CacheKey, (_, _) => GraphPeopleDirectory.NewCache());

        services.TryAddSingleton(provider => PeopleSeedFile.Resolve(
            Options(provider), provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.TryAddSingleton(provider => new TablePeopleDirectory(
            provider.GetRequiredService<TableStorage>(), Options(provider), provider.GetRequiredService<PeopleSeedFile>(),
            provider.GetRequiredService<ILogger<TablePeopleDirectory>>()));
        services.TryAddSingleton(provider => CreateGraphClient(Options(provider).Graph, CreateCredential(Options(provider).Graph)));
        services.TryAddSingleton(provider => new GraphPeopleDirectory(
            provider.GetRequiredService<GraphServiceClient>(), provider.GetRequiredService<TablePeopleDirectory>(),
            provider.GetRequiredKeyedService<IMemoryCache>(GraphPeopleDirectory.CacheKey), Options(provider).Graph));
        services.TryAddSingleton<IPeopleDirectory>(provider => Options(provider).Source == PeopleSource.Graph
            ? provider.GetRequiredService<GraphPeopleDirectory>()
            : provider.GetRequiredService<TablePeopleDirectory>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<PeopleSeedingService>();
        return services;
    }

    /// <summary>A Graph client for <paramref name="options"/>' base URL that sends its bearer token to that host only.</summary>
    public static GraphServiceClient CreateGraphClient(GraphPeopleOptions options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        var authentication = new AzureIdentityAuthenticationProvider(
            credential, allowedHosts: [new Uri(baseUrl).Host], observabilityOptions: null, isCaeEnabled: true, scopes: [GraphPeopleDirectory.Scope]);
        return new GraphServiceClient(authentication, baseUrl);
    }

    private static PeopleOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<PeopleOptions>>().Value;

    private static TokenCredential CreateCredential(GraphPeopleOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
}
