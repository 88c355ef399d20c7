using System.Globalization;
using System.Text.RegularExpressions;
using LearningBot.Calendar;

namespace LearningBot.OneStopShop.Answers;

/// <summary>A reporting period: <see cref="From"/> inclusive to <see cref="To"/> exclusive, with a name people read.</summary>
public sealed partial record ReportPeriod(DateTimeOffset From, DateTimeOffset To, string Label)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    /// <summary>
    /// Reads what follows "gaps report": nothing (the last 30 days), "N days", "this month", "last month" or a month
    /// as <c>yyyy-MM</c>. Null when the words are not a period it understands.
    /// </summary>
    public static ReportPeriod? Parse(string? text, DateTimeOffset now)
    {
        var words = (text ?? string.Empty).Trim().TrimEnd('.', '?', '!').Trim().ToLowerInvariant();
        if (words.Length == 0)
        {
            return LastDays(DefaultDays, now);
        }

        var match = Pattern().Match(words);
        if (!match.Success)
        {
            return null;
        }

        if (match.Groups["days"].Success)
        {
            var days = int.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups["unit"].Value;
            days *= unit.StartsWith('w') ? 7 : 1;
            return days is >= 1 and <= MaxDays ? LastDays(days, now) : null;
        }

        var today = UkTime.Today(now);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        if (match.Groups["this"].Success)
        {
            return Month(thisMonth);
        }

        if (match.Groups["last"].Success)
        {
            return Month(thisMonth.AddMonths(-1));
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && year is >= 2000 and <= 2100 ? Month(new DateOnly(year, month, 1)) : null;
    }

    public static ReportPeriod LastDays(int days, DateTimeOffset now) =>
        new(now.AddDays(-days), now, days == 1 ? "the last day" : $"the last {days} days");

    /// <summary>A month as people in the UK mean it: from midnight in London on <paramref name="first"/> to midnight on the next month's first.</summary>
    public static ReportPeriod Month(DateOnly first) =>
        new(UkTime.At(first, TimeOnly.MinValue), UkTime.At(first.AddMonths(1), TimeOnly.MinValue), first.ToString("MMMM yyyy", CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(for\s+)?((the\s+)?(last|past)\s+)?((?<days>\d{1,3})\s*(?<unit>days?|d|weeks?|w))$|^(?<this>this month)$|^(?<last>last month)$|^(?<year>\d{4})-(?<month>\d{1,2})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
