using System.Globalization;
using LearningBot.Calendar;

namespace LearningBot.Tests.Support;

/// <summary>
/// Dates as a card's Input.Date sends them, counted from today's real date (the UK day, as the bot counts it), for tests whose bot runs on the real clock:
/// a fixed date would one day fall outside the bounds the card sets (<c>Cards/DateBounds</c>).
/// </summary>
public static class CardDates
{
    public static string DaysFromToday(int days) =>
        UkTime.Today(DateTimeOffset.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An article's review-by date well inside the editor's bounds (today to two years ahead).</summary>
    public static string ArticleReviewBy => DaysFromToday(300);
}
