using System.ComponentModel.DataAnnotations;

namespace LearningBot.GoodPractice;

/// <summary>The good-practice exchange's settings (section <c>GoodPractice</c>).</summary>
public sealed record GoodPracticeOptions : IValidatableObject
{
    public const string Section = "GoodPractice";

    /// <summary>How long an approved example stands before it is re-checked, and how long "keep" extends it by.</summary>
    public int ReviewAfterMonths { get; init; } = 24;

    /// <summary>How often the review-date check runs (each instance; one of them does the work per period). Zero: never (tests run it themselves).</summary>
    public TimeSpan ReviewCheckInterval { get; init; } = TimeSpan.FromHours(6);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReviewAfterMonths is < 1 or > 60)
        {
            yield return new($"{Section}:{nameof(ReviewAfterMonths)} must be between 1 and 60.", [nameof(ReviewAfterMonths)]);
        }

        if (ReviewCheckInterval < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(ReviewCheckInterval)} must not be negative.", [nameof(ReviewCheckInterval)]);
        }
    }
}
