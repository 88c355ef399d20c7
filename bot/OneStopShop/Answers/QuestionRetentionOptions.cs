using System.ComponentModel.DataAnnotations;

namespace LearningBot.OneStopShop.Answers;

/// <summary>How long the question log keeps questions (section <c>OneStopShop:QuestionRetention</c>).</summary>
public sealed record QuestionRetentionOptions : IValidatableObject
{
    public const string Section = "OneStopShop:QuestionRetention";

    /// <summary>The most months the log may keep: ten years, as for delivery records.</summary>
    public const int MaxMonths = 120;

    /// <summary>
    /// Whole months kept before the current one: questions from the current month and this many before it stay, older
    /// months are deleted. 13 keeps every period the gaps report offers and the same month a year ago.
    /// </summary>
    public int Months { get; init; } = 13;

    /// <summary>The smallest <see cref="Months"/> that keeps every day of the longest gaps report period, whatever the date.</summary>
    public static int MinMonths { get; } = Enumerable.Range(1, MaxMonths).First(months => ShortestDays(months) >= ReportPeriod.MaxDays);

    /// <summary>The first moment whose questions are kept at <paramref name="now"/>: the first of the month, <see cref="Months"/> months back.</summary>
    public DateTimeOffset KeptFrom(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-Months);
    }

    /// <summary>Whether the question <paramref name="questionId"/> is from a month removed (or about to be) at <paramref name="now"/>.</summary>
    public bool IsPastRetention(string questionId, DateTimeOffset now) =>
        QuestionRecord.PartitionOf(questionId) is { } month
        && string.CompareOrdinal(month, QuestionRecord.PartitionFor(KeptFrom(now))) < 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Months < MinMonths || Months > MaxMonths)
        {
            yield return new(
                $"{Section}:{nameof(Months)} must be between {MinMonths} (so the longest gaps report, {ReportPeriod.MaxDays} days, is always whole) and {MaxMonths} (ten years).",
                [nameof(Months)]);
        }
    }

    /// <summary>The fewest days any run of <paramref name="months"/> whole months holds (a four-year cycle covers every case).</summary>
    private static int ShortestDays(int months) => Enumerable.Range(0, 48)
        .Select(start => new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(start))
        .Min(first => (int)(first.AddMonths(months) - first).TotalDays);
}
