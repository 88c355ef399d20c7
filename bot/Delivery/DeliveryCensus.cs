namespace LearningBot.Delivery;

/// <summary>A delivery's ledger counted row by row (the header's counts, made exact), with the rows still pending.</summary>
public sealed record DeliveryCensus(int Rows, int Sent, int Unreachable, int Failed, int Cancelled, IReadOnlyList<DeliveryRecipientEntity> Pending)
{
    public DeliveryEntity ApplyTo(DeliveryEntity header) =>
        header with { Sent = Sent, Unreachable = Unreachable, Failed = Failed, Cancelled = Cancelled };
}
