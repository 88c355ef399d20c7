namespace LearningBot.Delivery;

/// <summary>What working on one ledger row came to.</summary>
public abstract record DeliveryRowResult
{
    /// <summary>This worker settled it with <paramref name="Outcome"/>.</summary>
    public sealed record Settled(string Outcome) : DeliveryRowResult;

    /// <summary>Nothing for this message to do: already settled, or another worker has it.</summary>
    public sealed record Skipped : DeliveryRowResult;

    /// <summary>Still pending: its message must come back after <paramref name="Delay"/>.</summary>
    public sealed record Later(TimeSpan Delay) : DeliveryRowResult;
}
