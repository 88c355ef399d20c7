namespace LearningBot.Delivery.Sending;

/// <summary>
/// Teams' documented limits on proactive messages, shared by every instance of the bot: per bot per tenant (50 requests a
/// second across all instances) and per conversation (7 a second, 8 in 2 s, 60 in 30 s, 1,800 an hour). Every Bot
/// Connector call a delivery makes waits here first.
/// </summary>
public interface ISendBudget
{
    /// <summary>
    /// Returns when one request to <paramref name="conversationId"/> (null: a call not tied to one, such as creating it)
    /// may go: at its token's time when <see cref="SendPace.Paced"/>, as soon as the conversation allows when
    /// <see cref="SendPace.Prompt"/>.
    /// </summary>
    ValueTask WaitAsync(string? conversationId, SendPace pace, CancellationToken cancellationToken);

    /// <summary>The service answered 429 for <paramref name="conversationId"/>: nothing more goes there before <paramref name="retryAfter"/> has passed.</summary>
    void Throttled(string? conversationId, TimeSpan retryAfter);

    /// <summary>
    /// How long a request to <paramref name="conversationId"/> would wait now for that conversation's limits or a pause
    /// asked for by a 429 (zero: none known). A worker hands a long wait back to the queue instead of sleeping through it.
    /// </summary>
    TimeSpan TimeUntilFree(string? conversationId) => TimeSpan.Zero;
}
