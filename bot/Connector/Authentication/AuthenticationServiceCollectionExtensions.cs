using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LearningBot.Connector.Authentication;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBotAuthenticator"/>: <see cref="BotIdentityOptions"/> from the configuration root and
    /// <see cref="BotAuthenticationOptions"/> from the <c>BotAuthentication</c> section, both checked when the host starts.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        services.AddBotAuthenticationOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SigningKeyStore.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<SigningKeyStore>();
        services.TryAddSingleton<IBotAuthenticator, BotAuthenticator>();
        return services;
    }

    /// <summary>
    /// Binds <see cref="BotAuthenticationOptions"/> (and <see cref="BotIdentityOptions"/>, whose tenant the default
    /// issuers include) and checks them when the host starts. Inbound authentication and the outbound client (its
    /// connector host allow-list) both need them, so this may be called more than once: only the first call registers.
    /// </summary>
    public static IServiceCollection AddBotAuthenticationOptions(this IServiceCollection services)
    {
        services.AddBotIdentity();
        if (services.Any(service => service.ServiceType == typeof(BotAuthenticationOptionsRegistered)))
        {
            return services;
        }

        services.TryAddSingleton<BotAuthenticationOptionsRegistered>();
        services.AddOptions<BotAuthenticationOptions>()
            .BindConfiguration(BotAuthenticationOptions.Section)
            .PostConfigure<IOptions<BotIdentityOptions>>(ApplyDefaults)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    private static void ApplyDefaults(BotAuthenticationOptions options, IOptions<BotIdentityOptions> identity)
    {
        if (options.ValidIssuers.Count == 0)
        {
            options.ValidIssuers = BotAuthenticationDefaults.ValidIssuers(identity.Value.MicrosoftAppTenantId, identity.Value.MicrosoftAppType);
        }
    }

    /// <summary>Marks the registration as done.</summary>
    private sealed class BotAuthenticationOptionsRegistered;
}
