using System.ComponentModel.DataAnnotations;

namespace LearningBot.Outbox;

/// <summary>How the outbox delivers what the bot owes people (section <c>Outbox</c>).</summary>
public sealed record OutboxOptions : IValidatableObject
{
    public const string Section = "Outbox";

    /// <summary>
    /// How often every outbox table is scanned for rows that are due: retries after a failure, and rows whose
    /// in-process kick was lost (a restart between the commit and the delivery).
    /// </summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after a first failed attempt; each later one doubles it (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one delivery attempt may take before it counts as failed.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed row is left to the instance that claimed it; longer than <see cref="DeliveryTimeout"/>.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a turn waits for the messages its change owes before it answers (so an expert is told at once when the
    /// asker cannot be reached). Delivery goes on in the background after that.
    /// </summary>
    public TimeSpan WaitInTurn { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A row still failing after this long is given up on (<see cref="OutboxOutcome.Expired"/>) and logged as an error.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a kick's queue message stays hidden before another instance may act on it: long enough for the instance
    /// that committed the rows to deliver them itself (and delete the message), and again after each instance that read
    /// it left rows pending.
    /// </summary>
    public TimeSpan KickHandOver { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an instance looks for kicks on the queue while it finds none.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ScanInterval < TimeSpan.FromMilliseconds(100) || ScanInterval > TimeSpan.FromHours(1))
        {
            yield return new($"{Section}:{nameof(ScanInterval)} must be between 00:00:00.1 and 01:00:00.", [nameof(ScanInterval)]);
        }

        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            yield return new($"{Section}:{nameof(FirstRetryDelay)} must be more than zero and at most {Section}:{nameof(MaxRetryDelay)}.", [nameof(FirstRetryDelay), nameof(MaxRetryDelay)]);
        }

        if (DeliveryTimeout <= TimeSpan.Zero || LeaseDuration <= DeliveryTimeout)
        {
            yield return new($"{Section}:{nameof(LeaseDuration)} must be longer than {Section}:{nameof(DeliveryTimeout)}, which must be more than zero.", [nameof(LeaseDuration), nameof(DeliveryTimeout)]);
        }

        if (WaitInTurn < TimeSpan.Zero || WaitInTurn > TimeSpan.FromSeconds(5))
        {
            yield return new($"{Section}:{nameof(WaitInTurn)} must be between 00:00:00 and 00:00:05: a turn must answer quickly.", [nameof(WaitInTurn)]);
        }

        if (KickHandOver < TimeSpan.FromSeconds(1) || KickHandOver > TimeSpan.FromHours(1))
        {
            yield return new($"{Section}:{nameof(KickHandOver)} must be between 00:00:01 and 01:00:00.", [nameof(KickHandOver)]);
        }

        if (QueuePollInterval < TimeSpan.FromMilliseconds(100) || QueuePollInterval > TimeSpan.FromMinutes(1))
        {
            yield return new($"{Section}:{nameof(QueuePollInterval)} must be between 00:00:00.1 and 00:01:00.", [nameof(QueuePollInterval)]);
        }

        if (GiveUpAfter < TimeSpan.FromMinutes(1))
        {
            yield return new($"{Section}:{nameof(GiveUpAfter)} must be at least a minute.", [nameof(GiveUpAfter)]);
        }
    }
}
