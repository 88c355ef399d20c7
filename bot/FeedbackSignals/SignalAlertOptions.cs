using System.ComponentModel.DataAnnotations;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// When a theme's accepted signals raise an alert to its leads: at least <see cref="MinConcerns"/> concerns from at least
/// <see cref="MinSources"/> different sources within <see cref="WindowDays"/>, or at once for a signal flagged urgent.
/// </summary>
public sealed record SignalAlertOptions
{
    public const string Section = "FeedbackSignals:Alert";

    [Range(1, 1000)]
    public int MinConcerns { get; init; } = 3;

    [Range(1, 100)]
    public int MinSources { get; init; } = 2;

    [Range(1, 3660)]
    public int WindowDays { get; init; } = 90;

    public bool UrgentAlertsAtOnce { get; init; } = true;
}
