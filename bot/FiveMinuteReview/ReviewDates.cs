using System.Globalization;
using LearningBot.Calendar;
using LearningBot.Cards;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Dates as reviews use them: whole days (yyyy-MM-dd, stored as midnight UTC of that day) and in words for people.
/// "Today" is the hub's day (<see cref="UkTime"/>), so a review held just after midnight in British Summer Time is today's.
/// </summary>
public static class ReviewDates
{
    public const string DayFormat = DateBounds.DayFormat;

    public static DateTimeOffset Today(TimeProvider clock) => new(UkTime.Today(clock).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static string Day(DateTimeOffset date) => date.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseDay(string? text) =>
        DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? new DateTimeOffset(DateTime.SpecifyKind(day, DateTimeKind.Utc))
            : null;

    /// <summary>
    /// For example "22 November 2026": the UK day of a moment (a review saved, acknowledged, asked for), or a stored day
    /// as itself (its midnight UTC is the same day in London).
    /// </summary>
    public static string InWords(DateTimeOffset date) => DateBounds.InWordsOf(UkTime.Today(date));

    public static string InWords(string? day) => ParseDay(day) is { } date ? InWords(date) : string.Empty;

    /// <summary>An objective's target date: from tomorrow, and within 2 years (a review looks a year or so ahead).</summary>
    public static DateBounds ObjectiveDates(TimeProvider clock) => DateBounds.Ahead(TodayAsDay(clock), ObjectiveMonthsAhead, fromTomorrow: true);

    /// <summary>The next review: from tomorrow, and within 18 months (reviews are held a few times a year).</summary>
    public static DateBounds NextReviewDates(TimeProvider clock) => DateBounds.Ahead(TodayAsDay(clock), NextReviewMonthsAhead, fromTomorrow: true);

    /// <summary>The day a review held on paper was held: today or earlier, within the last year.</summary>
    public static DateBounds HeldOnDates(TimeProvider clock) => DateBounds.Past(TodayAsDay(clock), HeldOnMonthsBack);

    public const int ObjectiveMonthsAhead = 24;
    public const int NextReviewMonthsAhead = 18;
    public const int HeldOnMonthsBack = 12;

    private static DateOnly TodayAsDay(TimeProvider clock) => UkTime.Today(clock);
}
