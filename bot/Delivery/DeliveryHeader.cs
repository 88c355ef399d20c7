using LearningBot.Connector.Schema;

namespace LearningBot.Delivery;

/// <summary>What a worker needs of a delivery's header: whether it is cancelled, and the message.</summary>
public sealed record DeliveryHeader(string Status, Activity Message)
{
    public bool IsCancelled => Status == DeliveryStatuses.Cancelled;
}
