using LearningBot.Connector.Client;
using LearningBot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;

namespace LearningBot.Delivery.Sending;

public static class DeliverySendingServiceCollectionExtensions
{
    /// <summary>
    /// Registers how one message reaches one recipient (<see cref="IRecipientSender"/>) and the shared send budget
    /// (<see cref="ISendBudget"/>), with their settings (<c>Delivery:Budget</c>, <c>Delivery:Reach</c>, checked when the
    /// host starts) and the delivery connector clients (keyed <see cref="DeliveryConnectorClients.ServiceKey"/>). The Graph
    /// client is the people directory's. Everything is added only if missing, so tests can put their own in first.
    /// </summary>
    public static IServiceCollection AddDeliverySending(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(SendingRegistered)))
        {
            return services;
        }

        services.AddSingleton<SendingRegistered>();
        services.AddOptions<SendBudgetOptions>()
            .BindConfiguration(SendBudgetOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RecipientReachOptions>()
            .BindConfiguration(RecipientReachOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddConnectorClient();
        services.AddTableStorage();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddKeyedSingleton<IConnectorClientFactory>(DeliveryConnectorClients.ServiceKey, (provider, _) => DeliveryConnectorClients.Create(provider));
        services.TryAddSingleton<ISendBudget, TenantSendBudget>();
        services.TryAddSingleton<ITeamsAppInstaller>(provider => new GraphTeamsAppInstaller(
            provider.GetRequiredService<GraphServiceClient>(),
            provider.GetRequiredService<IOptions<RecipientReachOptions>>(),
            provider.GetRequiredService<ILogger<GraphTeamsAppInstaller>>()));
        services.TryAddSingleton<IRecipientSender, RecipientSender>();
        return services;
    }

    /// <summary>Marks the registration as done (the outbox and the delivery engine both ask for it).</summary>
    private sealed class SendingRegistered;
}
