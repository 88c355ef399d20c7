using LearningBot.Connector.Hosting;
using LearningBot.People;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;

namespace LearningBot.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Roles from the <c>Roles</c> section, decided by <see cref="RolePolicy"/>; group membership from Graph, through the
    /// people directory's <see cref="GraphServiceClient"/>, asked for only when a group is checked.
    /// </summary>
    public static IServiceCollection AddRoles(this IServiceCollection services)
    {
        services.AddOptions<RoleOptions>()
            .BindConfiguration(RoleOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // A host gives the environment and logging; a container built without them is held to production's rule, silently.
        services.AddSingleton<IValidateOptions<RoleOptions>>(provider => new RoleGroupsNeedGraph(
            provider.GetService<IHostEnvironment>(),
            provider.GetRequiredService<IConfiguration>(),
            provider.GetService<ILogger<RoleGroupsNeedGraph>>() ?? NullLogger<RoleGroupsNeedGraph>.Instance));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGroupMembership>(provider => new GraphGroupMembership(
            provider.GetRequiredService<GraphServiceClient>,
            provider.GetRequiredService<IOptionsMonitor<RoleOptions>>(),
            provider.GetRequiredService<IOptions<PeopleOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<GraphGroupMembership>>() ?? NullLogger<GraphGroupMembership>.Instance));
        services.AddSingleton<RolePolicy>();
        services.AddSingleton<IRoleCheck>(provider => provider.GetRequiredService<RolePolicy>());
        return services;
    }
}
