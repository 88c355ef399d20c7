using System.Globalization;

namespace LearningBot.FiveMinuteReview;

/// <summary>Dates as reviews use them: whole days (yyyy-MM-dd, midnight UTC) and in words for people.</summary>
public static class ReviewDates
{
    public const string DayFormat = "yyyy-MM-dd";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset Today(TimeProvider clock) => clock.GetUtcNow().UtcDateTime.Date is var day ? new DateTimeOffset(day, TimeSpan.Zero) : default;

    public static string Day(DateTimeOffset date) => date.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseDay(string? text) =>
        DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? new DateTimeOffset(DateTime.SpecifyKind(day, DateTimeKind.Utc))
            : null;

    /// <summary>For example "22 November 2026".</summary>
    public static string InWords(DateTimeOffset date) => date.UtcDateTime.ToString("d MMMM yyyy", English);

    public static string InWords(string? day) => ParseDay(day) is { } date ? InWords(date) : string.Empty;
}
