using System.Net;
using LearningBot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Connector.Client;

public static class ConnectorClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConnectorClientFactory"/>, <see cref="IBotAccessTokenProvider"/> (from the root
    /// <c>MicrosoftApp*</c> settings), <see cref="BotAuthenticationOptions"/> (section <c>BotAuthentication</c>, for its
    /// connector host allow-list), <see cref="ConnectorRetryOptions"/> (section <c>ConnectorClient</c>) and one pooled
    /// HttpClient. The options are checked when the host starts.
    /// </summary>
    public static IServiceCollection AddConnectorClient(this IServiceCollection services)
    {
        services.AddBotAuthenticationOptions();
        services.AddOptions<ConnectorRetryOptions>()
            .BindConfiguration(ConnectorRetryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectorTraffic>();

        services.AddHttpClient(ConnectorClientFactory.HttpClientName, client =>
            {
                // Each attempt has its own timeout (ConnectorRetryOptions.RequestTimeout).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("LearningBot/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // The Bot Connector answers with a few bytes of JSON: asking for compression only costs every call
                // an Accept-Encoding header and a parse of the response's Content-Encoding.
                AutomaticDecompression = DecompressionMethods.None,
                AllowAutoRedirect = false,
            })
            .AddHttpMessageHandler(provider => new ConnectorTrafficHandler(provider.GetRequiredService<ConnectorTraffic>()))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // ConnectorClient logs every call itself; the factory's logging handlers would only repeat it,
            // at the price of a log scope and a formatted URI on every reply.
            .RemoveAllLoggers();

        services.TryAddSingleton<IBotAccessTokenProvider>(sp => new CachingBotAccessTokenProvider(
            BotTokenConstants.CreateSource(sp.GetRequiredService<IOptions<BotIdentityOptions>>().Value),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CachingBotAccessTokenProvider>>()));
        services.TryAddSingleton<IConnectorClientFactory, ConnectorClientFactory>();
        return services;
    }
}
