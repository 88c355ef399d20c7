using System.ComponentModel.DataAnnotations;

namespace LearningBot.Connector.Hosting;

/// <summary>Limits of the messaging endpoint, bound from the <c>BotHosting</c> section.</summary>
public sealed record BotHostingOptions : IValidatableObject
{
    public const string Section = "BotHosting";

    /// <summary>Largest activity accepted. Teams messages stay under about 100 KB; card submissions are smaller.</summary>
    public long MaxActivityBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// How long the whole request body may take to arrive. The Bot Connector sends an activity at once; a body that
    /// trickles in (just above the server's minimum data rate) would otherwise hold a connection and its buffer for an
    /// hour. A body not in by then is answered 408.
    /// </summary>
    public TimeSpan BodyReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a turn may run, whatever happens to the HTTP request that brought it: the turn's own deadline
    /// (<c>ITurnContext.Aborted</c>). A turn is not cancelled when Teams stops waiting for the answer, so work it started
    /// is finished (or fails cleanly) instead of being cut half way; Teams gives up after about 15 s, so the deadline is
    /// below that and a turn that reaches it is still answered, with an apology.
    /// </summary>
    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a turn may spend storing where its conversation can be reached. The write runs beside the turn and
    /// never fails it: after this it is abandoned (and logged), and the next turn tries again.
    /// </summary>
    public TimeSpan ConversationReferenceTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxActivityBytes < 1024)
        {
            yield return new($"{Section}:{nameof(MaxActivityBytes)} must be at least 1024 (1 KB).", [nameof(MaxActivityBytes)]);
        }

        if (BodyReadTimeout < TimeSpan.FromMilliseconds(100) || BodyReadTimeout > TimeSpan.FromSeconds(14))
        {
            yield return new($"{Section}:{nameof(BodyReadTimeout)} must be between 00:00:00.1 and 00:00:14: Teams stops waiting after 15 s.", [nameof(BodyReadTimeout)]);
        }

        if (TurnTimeout < TimeSpan.FromSeconds(1) || TurnTimeout > TimeSpan.FromSeconds(14))
        {
            yield return new($"{Section}:{nameof(TurnTimeout)} must be between 00:00:01 and 00:00:14: Teams stops waiting after 15 s.", [nameof(TurnTimeout)]);
        }

        if (ConversationReferenceTimeout <= TimeSpan.Zero || ConversationReferenceTimeout > TurnTimeout)
        {
            yield return new($"{Section}:{nameof(ConversationReferenceTimeout)} must be more than zero and at most {Section}:{nameof(TurnTimeout)}.", [nameof(ConversationReferenceTimeout)]);
        }
    }
}
