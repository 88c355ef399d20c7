using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LearningBot.Connector;

public static class BotIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BotIdentityOptions"/> from the configuration root and checks it when the host starts (outside the
    /// Development environment an app id is required: <see cref="AppIdRequiredOutsideDevelopment"/>). Inbound
    /// authentication and the outbound client both need it, so this may be called more than once: only the first call
    /// registers anything.
    /// </summary>
    public static IServiceCollection AddBotIdentity(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(BotIdentityRegistered)))
        {
            return services;
        }

        services.TryAddSingleton<BotIdentityRegistered>();
        services.AddOptions<BotIdentityOptions>()
            .BindConfiguration(BotIdentityOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotIdentityOptions>, AppIdRequiredOutsideDevelopment>());
        return services;
    }

    /// <summary>Marks the registration as done.</summary>
    private sealed class BotIdentityRegistered;
}
