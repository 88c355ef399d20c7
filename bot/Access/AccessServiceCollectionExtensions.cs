using LearningBot.Connector.Hosting;

namespace LearningBot.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Roles from the <c>Roles</c> section, decided by <see cref="RolePolicy"/>.</summary>
    public static IServiceCollection AddRoles(this IServiceCollection services)
    {
        services.AddOptions<RoleOptions>()
            .BindConfiguration(RoleOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RolePolicy>();
        services.AddSingleton<IRoleCheck>(provider => provider.GetRequiredService<RolePolicy>());
        return services;
    }
}
