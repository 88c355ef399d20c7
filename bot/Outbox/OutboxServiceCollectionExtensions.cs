using LearningBot.Delivery.Sending;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbox (section <c>Outbox</c>): delivery with its person and conversation handlers, the kick between
    /// instances (<see cref="QueueOutboxSignal"/> as the <see cref="IOutboxSignal"/>; register another before this call to replace it) and the background worker.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(OutboxWorker)))
        {
            return services;
        }

        services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPeriodicLeases();
        services.TryAddSingleton<IOutboxSignal, QueueOutboxSignal>();
        services.AddDeliverySending();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, PersonMessageHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, ConversationMessageHandler>());
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxWorker>());
        return services;
    }

    /// <summary>Says that <paramref name="tableName"/> (a store's table, before the prefix) holds outbox rows to deliver.</summary>
    public static IServiceCollection AddOutboxTable(this IServiceCollection services, string tableName)
    {
        services.AddSingleton(new OutboxTable(tableName));
        return services;
    }
}
