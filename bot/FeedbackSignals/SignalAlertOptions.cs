using System.ComponentModel.DataAnnotations;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// When a theme's accepted signals raise an alert to its leads: at least <see cref="MinConcerns"/> concerns from at least
/// <see cref="MinSources"/> different sources within <see cref="WindowDays"/>, or at once for a signal flagged urgent.
/// </summary>
public sealed record SignalAlertOptions : IValidatableObject
{
    public const string Section = "FeedbackSignals:Alert";

    [Range(1, 1000)]
    public int MinConcerns { get; init; } = 3;

    [Range(1, 100)]
    public int MinSources { get; init; } = 2;

    [Range(1, 3660)]
    public int WindowDays { get; init; } = 90;

    public bool UrgentAlertsAtOnce { get; init; } = true;

    /// <summary>How often the follow-up job looks at open alerts (reminders, deliveries not started, weekly bundles); zero turns it off.</summary>
    public TimeSpan FollowUpInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Working days an open alert waits for an answer before its leads are reminded, and again before the head of the L&amp;D Support Team is told.</summary>
    [Range(1, 30)]
    public int RemindAfterWorkingDays { get; init; } = 3;

    /// <summary>The day and time (UK) leads who chose weekly alerts get the week's open alerts in one card.</summary>
    public DayOfWeek WeeklyDay { get; init; } = DayOfWeek.Monday;

    public TimeOnly WeeklyTime { get; init; } = new(9, 0);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FollowUpInterval != TimeSpan.Zero && (FollowUpInterval < TimeSpan.FromMinutes(1) || FollowUpInterval > TimeSpan.FromHours(6)))
        {
            yield return new($"{Section}:{nameof(FollowUpInterval)} must be between a minute and 6 hours, or 00:00:00 to turn follow-up off.", [nameof(FollowUpInterval)]);
        }

        if (!Enum.IsDefined(WeeklyDay))
        {
            yield return new($"{Section}:{nameof(WeeklyDay)} must be a day of the week, such as Monday.", [nameof(WeeklyDay)]);
        }
    }
}
