namespace LearningBot.Outbox;

/// <summary>Delivers outbox rows of one <see cref="Kind"/>. Registered as a singleton; the delivery is retried until it settles.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    /// <summary>
    /// Sends what the row says. Returns how it went; throwing a storage or connector failure counts as
    /// <see cref="OutboxResult.RetryLater"/>. <paramref name="row"/> is as claimed for this attempt, with the claim's ETag.
    /// </summary>
    Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a row delivered straight after its commit (<see cref="OutboxDispatcher.Kick"/>), given the other entities the
    /// commit wrote, each with its new ETag, so a handler that needs them need not read them back. By default the same
    /// as <see cref="DeliverAsync(OutboxEntity, CancellationToken)"/>.
    /// </summary>
    Task<OutboxResult> DeliverAsync(OutboxEntity row, IReadOnlyList<Azure.Data.Tables.ITableEntity> committed, CancellationToken cancellationToken) =>
        DeliverAsync(row, cancellationToken);
}

/// <summary>How one delivery attempt went.</summary>
public abstract record OutboxResult
{
    /// <summary>Sent; <paramref name="ActivityId"/> is the id the channel gave the message, if any. The outbox marks the row.</summary>
    public sealed record Delivered(string? ActivityId) : OutboxResult;

    /// <summary>
    /// Sent, and the row already marked delivered by the handler: it wrote <see cref="OutboxEntity.SettleDelivered"/> in
    /// its own transaction, with its record of the delivery on the change the row told about, so the outbox writes nothing more.
    /// </summary>
    public sealed record Settled(string? ActivityId) : OutboxResult;

    /// <summary>The recipient cannot be reached; trying again will not help.</summary>
    public sealed record Unreachable(string Reason) : OutboxResult;

    /// <summary>Not this time (a busy or silent service, a channel not chosen yet); <paramref name="Reason"/> is a code.</summary>
    public sealed record RetryLater(string Reason) : OutboxResult;
}
