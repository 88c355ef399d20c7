namespace LearningBot.Delivery.Progress;

/// <summary>The progress card's button: <c>delivery.cancel</c>, with data <c>{deliveryId}</c>.</summary>
public static class DeliveryProgressVerbs
{
    public const string Cancel = "delivery.cancel";
}
