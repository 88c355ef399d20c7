using LearningBot.Delivery.Progress;
using LearningBot.Delivery.Sending;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers deliveries (section <c>Delivery</c>): <see cref="IDeliveries"/> for every capability, the store and the
    /// queue, and the background <see cref="DeliveryWorker"/>; with them how a recipient is sent to
    /// (<see cref="DeliverySendingServiceCollectionExtensions.AddDeliverySending"/>) and the requester's progress card
    /// (<see cref="DeliveryProgressServiceCollectionExtensions.AddDeliveryProgress"/>).
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(DeliveryWorker)))
        {
            return services;
        }

        services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTableStorage();
        services.AddPeriodicLeases();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<DeliveryWakeUp>();
        services.AddSingleton<DeliveryHeaders>();
        services.AddSingleton<DeliveryCompletion>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddSingleton<DeliverySweep>();
        services.AddSingleton<DeliveryLedgerRetention>();
        services.AddSingleton<Deliveries>();
        services.AddSingleton<IDeliveries>(provider => provider.GetRequiredService<Deliveries>());
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryWorker>());
        services.AddDeliverySending();
        services.AddDeliveryProgress();
        return services;
    }
}
