using System.ComponentModel.DataAnnotations;

namespace LearningBot.GoodPractice.Finding;

/// <summary>Settings for finding examples, abandoned drafts and digest candidates (section <c>GoodPractice</c>, beside <see cref="GoodPracticeOptions"/>).</summary>
public sealed record GoodPracticeFindingOptions : IValidatableObject
{
    /// <summary>
    /// How old the search index of approved examples may be before a search reads the table again (each instance). An
    /// approval, retirement or review on any instance is found by every instance within this time. Zero: read on every search.
    /// </summary>
    public TimeSpan SearchRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How sure the search must be (the one-stop shop's confidence, 0 to 1) before an answer card shows "Colleagues
    /// elsewhere have tried this". Calibrated on the questions in <c>PracticeIndexTests</c>.
    /// </summary>
    public double ColleaguesThreshold { get; init; } = PracticeThresholds.Colleagues;

    /// <summary>A draft never sent and untouched for this many days is deleted.</summary>
    public int AbandonedDraftAfterDays { get; init; } = 60;

    /// <summary>How often abandoned drafts are looked for (each instance; one of them does the work per period). Zero: never (tests run it themselves).</summary>
    public TimeSpan AbandonedDraftCheckInterval { get; init; } = TimeSpan.FromHours(24);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        const string Section = GoodPracticeOptions.Section;
        if (SearchRefreshInterval < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(SearchRefreshInterval)} must not be negative.", [nameof(SearchRefreshInterval)]);
        }

        if (ColleaguesThreshold is < 0 or > 1)
        {
            yield return new($"{Section}:{nameof(ColleaguesThreshold)} must be between 0 and 1.", [nameof(ColleaguesThreshold)]);
        }

        if (AbandonedDraftAfterDays is < 7 or > 3650)
        {
            yield return new($"{Section}:{nameof(AbandonedDraftAfterDays)} must be between 7 and 3650.", [nameof(AbandonedDraftAfterDays)]);
        }

        if (AbandonedDraftCheckInterval < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(AbandonedDraftCheckInterval)} must not be negative.", [nameof(AbandonedDraftCheckInterval)]);
        }
    }
}

/// <summary>The calibrated thresholds (see <c>PracticeIndexTests</c> for the questions and scores they were set on).</summary>
public static class PracticeThresholds
{
    /// <summary>The one-stop shop answer card's "Colleagues elsewhere have tried this".</summary>
    public const double Colleagues = 0.55;

    /// <summary>A second example is shown beside the first only when it scores at least this share of the first's score.</summary>
    public const double SecondOfFirst = 0.75;
}
