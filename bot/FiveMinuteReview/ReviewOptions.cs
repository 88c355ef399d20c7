using System.ComponentModel.DataAnnotations;

namespace LearningBot.FiveMinuteReview;

/// <summary>Settings for the Five Minute Review (section <c>FiveMinuteReview</c>).</summary>
public sealed record ReviewOptions : IValidatableObject
{
    public const string Section = "FiveMinuteReview";

    /// <summary>How long until the next review, counted from the day one is confirmed.</summary>
    public int CadenceMonths { get; init; } = 3;

    /// <summary>A review counts as due (and the manager is reminded) this many days before its date.</summary>
    public int DueSoonDays { get; init; } = 7;

    /// <summary>How often the reminder job looks for reviews that are due or overdue.</summary>
    public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Turns the reminder job off (for example on a second instance).</summary>
    public bool RemindersEnabled { get; init; } = true;

    /// <summary>How long a printable page link works.</summary>
    public TimeSpan PrintLinkLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The window the L&amp;D team's coverage figures look back over.</summary>
    public int CoverageMonths { get; init; } = 12;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The summary card takes a next review date at most 18 months ahead, so the default must be one it takes.
        if (CadenceMonths is < 1 or > ReviewDates.NextReviewMonthsAhead)
        {
            yield return new($"{Section}:{nameof(CadenceMonths)} must be between 1 and {ReviewDates.NextReviewMonthsAhead}.", [nameof(CadenceMonths)]);
        }

        if (DueSoonDays is < 0 or > 60)
        {
            yield return new($"{Section}:{nameof(DueSoonDays)} must be between 0 and 60.", [nameof(DueSoonDays)]);
        }

        if (ReminderInterval < TimeSpan.FromMinutes(1))
        {
            yield return new($"{Section}:{nameof(ReminderInterval)} must be at least a minute.", [nameof(ReminderInterval)]);
        }

        if (PrintLinkLifetime <= TimeSpan.Zero || PrintLinkLifetime > TimeSpan.FromDays(31))
        {
            yield return new($"{Section}:{nameof(PrintLinkLifetime)} must be between a moment and 31 days.", [nameof(PrintLinkLifetime)]);
        }

        if (CoverageMonths is < 1 or > 60)
        {
            yield return new($"{Section}:{nameof(CoverageMonths)} must be between 1 and 60.", [nameof(CoverageMonths)]);
        }
    }
}
