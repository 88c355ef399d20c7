using System.ComponentModel.DataAnnotations;

namespace LearningBot.Delivery;

/// <summary>How deliveries are carried out by the workers of every instance (section <c>Delivery</c>).</summary>
public sealed record DeliveryOptions : IValidatableObject
{
    public const string Section = "Delivery";

    /// <summary>How long a received work message stays hidden from other workers; renewed while it is being worked on.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Work messages (each up to 32 recipients) one instance works on at once.</summary>
    [Range(1, 256)]
    public int MaxMessagesInFlight { get; init; } = 16;

    /// <summary>Recipients of one work message sent to at once.</summary>
    [Range(1, 32)]
    public int SendsPerMessage { get; init; } = 2;

    /// <summary>How long one send may take (waiting for the shared budget included) before it counts as a transient failure.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a claimed recipient is left to the worker that claimed it; longer than <see cref="SendTimeout"/>. A send must end in the first three quarters of it, so the last quarter is kept for recording the outcome.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after a first transient failure; each later one doubles it (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts (throttled ones not counted) before a recipient is given up on as failed, with its last error.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; init; } = 8;

    /// <summary>How often open deliveries are checked for work whose queue messages were lost, and cancelled ones are tidied.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A delivery with no progress for this long has its pending recipients queued again by the sweep.</summary>
    public TimeSpan StallAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The first wait after finding the queue empty; it doubles up to <see cref="MaxIdlePollDelay"/> while the queue stays empty.</summary>
    public TimeSpan IdlePollDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxIdlePollDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a worker trusts the delivery's header (its status and message) it read.</summary>
    public TimeSpan HeaderCacheDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Ledger transactions (100 rows each) and queue writes made at once while a delivery is being planned.</summary>
    [Range(1, 64)]
    public int PlanningConcurrency { get; init; } = 8;

    /// <summary>
    /// How long a finished delivery's ledger (who it went to, by name and id) is kept; after that its table is deleted
    /// and only the header's counts stay.
    /// </summary>
    public TimeSpan LedgerRetention { get; init; } = TimeSpan.FromDays(90);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (VisibilityTimeout < TimeSpan.FromSeconds(2) || VisibilityTimeout > TimeSpan.FromHours(1))
        {
            yield return new($"{Section}:{nameof(VisibilityTimeout)} must be between 00:00:02 and 01:00:00.", [nameof(VisibilityTimeout)]);
        }

        if (SendTimeout <= TimeSpan.Zero || LeaseDuration <= SendTimeout)
        {
            yield return new($"{Section}:{nameof(LeaseDuration)} must be longer than {Section}:{nameof(SendTimeout)}, which must be more than zero.", [nameof(LeaseDuration), nameof(SendTimeout)]);
        }

        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay || MaxRetryDelay > TimeSpan.FromDays(1))
        {
            yield return new($"{Section}:{nameof(FirstRetryDelay)} must be more than zero and at most {Section}:{nameof(MaxRetryDelay)} (at most a day).", [nameof(FirstRetryDelay), nameof(MaxRetryDelay)]);
        }

        if (SweepInterval < TimeSpan.FromMilliseconds(100) || SweepInterval > TimeSpan.FromHours(1) || StallAfter < SweepInterval)
        {
            yield return new($"{Section}:{nameof(SweepInterval)} must be between 00:00:00.1 and 01:00:00 and at most {Section}:{nameof(StallAfter)}.", [nameof(SweepInterval), nameof(StallAfter)]);
        }

        if (IdlePollDelay <= TimeSpan.Zero || MaxIdlePollDelay < IdlePollDelay || MaxIdlePollDelay > TimeSpan.FromMinutes(1))
        {
            yield return new($"{Section}:{nameof(IdlePollDelay)} must be more than zero and at most {Section}:{nameof(MaxIdlePollDelay)} (at most a minute).", [nameof(IdlePollDelay), nameof(MaxIdlePollDelay)]);
        }

        if (HeaderCacheDuration < TimeSpan.Zero || HeaderCacheDuration > TimeSpan.FromMinutes(1))
        {
            yield return new($"{Section}:{nameof(HeaderCacheDuration)} must be between 00:00:00 and 00:01:00.", [nameof(HeaderCacheDuration)]);
        }

        if (LedgerRetention < TimeSpan.FromDays(1) || LedgerRetention > TimeSpan.FromDays(3650))
        {
            yield return new($"{Section}:{nameof(LedgerRetention)} must be between 1.00:00:00 (a day) and 3650.00:00:00 (ten years).", [nameof(LedgerRetention)]);
        }
    }
}
