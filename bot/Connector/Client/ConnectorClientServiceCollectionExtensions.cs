using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Connector.Client;

public static class ConnectorClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConnectorClientFactory"/>, <see cref="IBotAccessTokenProvider"/> (from the root
    /// <c>MicrosoftApp*</c> settings), <see cref="ConnectorClientOptions"/> (section <c>BotAuthentication</c>),
    /// <see cref="ConnectorRetryOptions"/> (section <c>ConnectorClient</c>) and one pooled HttpClient.
    /// </summary>
    public static IServiceCollection AddConnectorClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotIdentityOptions>().Bind(configuration);
        services.AddOptions<ConnectorClientOptions>().Bind(configuration.GetSection(ConnectorClientOptions.SectionName));
        services.AddOptions<ConnectorRetryOptions>().Bind(configuration.GetSection(ConnectorRetryOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(ConnectorClientFactory.HttpClientName, client =>
            {
                // Each attempt has its own timeout (ConnectorRetryOptions.RequestTimeout).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("LearningBot/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
            })
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
