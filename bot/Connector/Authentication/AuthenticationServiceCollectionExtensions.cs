using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LearningBot.Connector.Authentication;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBotAuthenticator"/>: <see cref="BotIdentityOptions"/> from the configuration root and
    /// <see cref="BotAuthenticationOptions"/> from the <c>BotAuthentication</c> section.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotIdentityOptions>().Bind(configuration);
        services.AddOptions<BotAuthenticationOptions>()
            .Bind(configuration.GetSection(BotAuthenticationOptions.SectionName))
            .PostConfigure<IOptions<BotIdentityOptions>>(ApplyDefaults)
            .Validate(o => IsAbsoluteUrl(o.OpenIdMetadataUrl) && IsAbsoluteUrl(o.EntraOpenIdMetadataUrl),
                "BotAuthentication:OpenIdMetadataUrl and EntraOpenIdMetadataUrl must be absolute URLs.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SigningKeyStore.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<SigningKeyStore>();
        services.TryAddSingleton<IBotAuthenticator, BotAuthenticator>();
        return services;
    }

    private static void ApplyDefaults(BotAuthenticationOptions options, IOptions<BotIdentityOptions> identity)
    {
        if (options.ValidIssuers.Count == 0)
        {
            options.ValidIssuers = BotAuthenticationDefaults.ValidIssuers(identity.Value.MicrosoftAppTenantId);
        }
    }

    private static bool IsAbsoluteUrl(string? value) => Uri.TryCreate(value, UriKind.Absolute, out _);
}
