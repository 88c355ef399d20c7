using LearningBot.Connector.Authentication;
using LearningBot.Connector.Client;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery.Sending;

/// <summary>
/// The connector clients deliveries send through: the bot's own clients, but with no retries inside the client. A turn's
/// client waits out a short 429 and retries a reset connection for the person who is waiting; a delivery must instead
/// hand every 429 (with its Retry-After, however long) and every failure straight back to the engine, which requeues the
/// item rather than holding a worker asleep. Registered as the keyed <see cref="IConnectorClientFactory"/>
/// <see cref="ServiceKey"/>, so ordinary turns keep the default one.
/// </summary>
public static class DeliveryConnectorClients
{
    public const string ServiceKey = "delivery";

    public static IConnectorClientFactory Create(IServiceProvider services)
    {
        var retry = services.GetRequiredService<IOptions<ConnectorRetryOptions>>().Value with { MaxRetries = 0 };
        return new ConnectorClientFactory(
            services.GetRequiredService<IHttpClientFactory>(),
            services.GetRequiredService<IBotAccessTokenProvider>(),
            services.GetRequiredService<IOptions<BotAuthenticationOptions>>(),
            Options.Create(retry),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>());
    }
}
