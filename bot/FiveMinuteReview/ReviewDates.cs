using System.Globalization;

namespace LearningBot.FiveMinuteReview;

/// <summary>Dates as reviews use them: whole days (yyyy-MM-dd, midnight UTC) and in words for people.</summary>
public static class ReviewDates
{
    public const string DayFormat = "yyyy-MM-dd";
    // The bot runs in globalization-invariant mode, so English month names are spelt out here.
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static DateTimeOffset Today(TimeProvider clock) => clock.GetUtcNow().UtcDateTime.Date is var day ? new DateTimeOffset(day, TimeSpan.Zero) : default;

    public static string Day(DateTimeOffset date) => date.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseDay(string? text) =>
        DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? new DateTimeOffset(DateTime.SpecifyKind(day, DateTimeKind.Utc))
            : null;

    /// <summary>For example "22 November 2026".</summary>
    public static string InWords(DateTimeOffset date)
    {
        var day = date.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{day.Day} {Months[day.Month - 1]} {day.Year}");
    }

    public static string InWords(string? day) => ParseDay(day) is { } date ? InWords(date) : string.Empty;
}
