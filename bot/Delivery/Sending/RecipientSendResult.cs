namespace LearningBot.Delivery.Sending;

/// <summary>How one send to one recipient went.</summary>
public abstract record RecipientSendResult
{
    /// <summary>Sent; <paramref name="ActivityId"/> is the id the channel gave the message, <paramref name="ConversationId"/> where it went.</summary>
    public sealed record Sent(string? ActivityId, string? ConversationId) : RecipientSendResult;

    /// <summary>
    /// The recipient cannot be reached and trying again will not help. <paramref name="Reason"/> is a code the delivery
    /// report shows: <c>no-teams</c> (no Teams account: counted for the printed edition), <c>app-blocked</c>,
    /// <c>left-organisation</c>, <c>bot-removed</c>, <c>no-conversation</c>.
    /// </summary>
    public sealed record Unreachable(string Reason) : RecipientSendResult;

    /// <summary>429: the service asked us to wait <paramref name="RetryAfter"/> before trying again.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : RecipientSendResult;

    /// <summary>5xx, a timeout, a reset connection or a storage failure: worth trying again after a backoff.</summary>
    public sealed record Transient(string Reason) : RecipientSendResult;

    /// <summary>A 4xx other than 429: the request itself is wrong, so it is never retried.</summary>
    public sealed record Rejected(string Reason) : RecipientSendResult;
}
