using System.ComponentModel.DataAnnotations;

namespace LearningBot.Connector.Client;

/// <summary>Timeouts and retry limits of outbound connector calls, bound from the <c>ConnectorClient</c> section.</summary>
public sealed record ConnectorRetryOptions : IValidatableObject
{
    public const string Section = "ConnectorClient";

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Base of the exponential backoff used when the service gives no Retry-After.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait. A Retry-After beyond it is not waited out: the call fails with <see cref="ConnectorException.RetryAfter"/> set.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest total time spent waiting between attempts of one call.</summary>
    public TimeSpan MaxTotalDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Timeout of each attempt. The Bot Connector accepts an activity in well under a second; a call that has had no
    /// answer in 5 s is treated as failed (and, where safe, retried) rather than held for the service's own 30 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long all the connector calls of one turn may take together (see <see cref="ConnectorBudget"/>), waits between
    /// retries included: a connector that stops answering costs a turn this much, and the turn still answers its HTTP
    /// request well inside the 15 s Teams waits.
    /// </summary>
    public TimeSpan TurnBudget { get; init; } = TimeSpan.FromSeconds(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetries is < 0 or > 10)
        {
            yield return new($"{Section}:{nameof(MaxRetries)} must be between 0 and 10.", [nameof(MaxRetries)]);
        }

        if (BaseDelay <= TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(BaseDelay)} must be more than zero.", [nameof(BaseDelay)]);
        }

        if (MaxDelay < BaseDelay)
        {
            yield return new($"{Section}:{nameof(MaxDelay)} must be at least {Section}:{nameof(BaseDelay)}.", [nameof(MaxDelay)]);
        }

        if (MaxTotalDelay < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(MaxTotalDelay)} must not be negative.", [nameof(MaxTotalDelay)]);
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(RequestTimeout)} must be more than zero.", [nameof(RequestTimeout)]);
        }

        if (TurnBudget < TimeSpan.FromMilliseconds(500) || TurnBudget > TimeSpan.FromSeconds(10))
        {
            yield return new($"{Section}:{nameof(TurnBudget)} must be between 00:00:00.5 and 00:00:10 (a turn must answer well inside Teams' 15 s).", [nameof(TurnBudget)]);
        }
    }
}
