using System.ComponentModel.DataAnnotations;

namespace LearningBot.GoodPractice;

/// <summary>The good-practice exchange's settings (section <c>GoodPractice</c>).</summary>
public sealed record GoodPracticeOptions : IValidatableObject
{
    public const string Section = "GoodPractice";

    /// <summary>The most <see cref="ReviewAfterMonths"/> may be ("Keep for another 60 months" fits on a button).</summary>
    public const int MaxReviewAfterMonths = 60;

    /// <summary>How long an approved example stands before it is re-checked, and how long "keep" extends it by.</summary>
    public int ReviewAfterMonths { get; init; } = 24;

    /// <summary>
    /// How often the review-date check runs (each instance; one of them does the work per period). Periods count from
    /// midnight UTC, so only an interval that divides an hour starts one at midnight in London in British Summer Time
    /// (23:00 UTC), when review dates come. Zero: never (tests run it themselves).
    /// </summary>
    public TimeSpan ReviewCheckInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The day leads who chose weekly alerts get their good-practice bundle (UK time, with <see cref="WeeklyTime"/>).</summary>
    public DayOfWeek WeeklyDay { get; init; } = DayOfWeek.Tuesday;

    public TimeOnly WeeklyTime { get; init; } = new(9, 0);

    /// <summary>How often each instance looks whether the week's bundles are due (one instance per period sends them). Zero: never (tests run it themselves).</summary>
    public TimeSpan BundleCheckInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Where "Contact the author" goes when the author is not credited by name or asked the L&amp;D Support Team to be the
    /// contact: an https (for example a Teams chat or channel link) or mailto link. Empty: the card says to ask the team.
    /// </summary>
    public string SupportTeamContact { get; init; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReviewAfterMonths is < 1 or > MaxReviewAfterMonths)
        {
            yield return new($"{Section}:{nameof(ReviewAfterMonths)} must be between 1 and {MaxReviewAfterMonths}.", [nameof(ReviewAfterMonths)]);
        }

        if (ReviewCheckInterval < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(ReviewCheckInterval)} must not be negative.", [nameof(ReviewCheckInterval)]);
        }
        else if (ReviewCheckInterval > TimeSpan.Zero && TimeSpan.FromHours(1).Ticks % ReviewCheckInterval.Ticks != 0)
        {
            yield return new(
                $"{Section}:{nameof(ReviewCheckInterval)} must divide an hour evenly (such as 01:00:00 or 00:15:00), so a check starts at midnight in London.",
                [nameof(ReviewCheckInterval)]);
        }

        if (!Enum.IsDefined(WeeklyDay))
        {
            yield return new($"{Section}:{nameof(WeeklyDay)} must be a day of the week, such as Tuesday.", [nameof(WeeklyDay)]);
        }

        if (BundleCheckInterval < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(BundleCheckInterval)} must not be negative.", [nameof(BundleCheckInterval)]);
        }

        if (SupportTeamContact.Length > 0
            && !(Uri.TryCreate(SupportTeamContact, UriKind.Absolute, out var contact) && (contact.Scheme == Uri.UriSchemeHttps || contact.Scheme == Uri.UriSchemeMailto)))
        {
            yield return new($"{Section}:{nameof(SupportTeamContact)} must be an https or mailto link.", [nameof(SupportTeamContact)]);
        }
    }
}
