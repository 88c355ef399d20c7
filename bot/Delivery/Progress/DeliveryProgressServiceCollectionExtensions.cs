using LearningBot.BotHost;
using LearningBot.Connector.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.Delivery.Progress;

public static class DeliveryProgressServiceCollectionExtensions
{
    /// <summary>
    /// Registers the requester's progress card (<see cref="IDeliveryProgressNotifier"/>), its updater, cancel and the
    /// delivery report (settings in <c>Delivery:Progress</c>). Needs an <see cref="IDeliveries"/>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddDeliveryProgress(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(DeliveryProgressCardStore)))
        {
            return services;
        }

        services.AddOptions<DeliveryProgressOptions>().BindConfiguration(DeliveryProgressOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPublicLinks();
        services.AddSingleton<DeliveryProgressCardStore>();
        services.AddSingleton<ReportLinks>();
        services.AddSingleton<DeliveryProgressCards>();
        services.AddSingleton<IDeliveryProgressNotifier, DeliveryProgressNotifier>();
        services.AddSingleton<DeliveryProgressUpdater>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryProgressUpdater>());
        services.AddSingleton<IBotFeature, DeliveryCancelFeature>();
        services.AddSingleton<IEndpointFeature, DeliveryReportEndpoint>();
        return services;
    }
}
