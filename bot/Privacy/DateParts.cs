using System.Globalization;

namespace LearningBot.Privacy;

/// <summary>A date as read from text: the day or month may be unknown, the year too (a day and month alone).</summary>
internal readonly record struct DateParts(int? Day, int Month, int? Year)
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>
    /// True when the date is not in the future, or cannot be a real date (read as an identifier to be safe).
    /// A day and month with no year is not an identifier on its own; a month and year is past once its month has begun.
    /// </summary>
    public bool IsPastOrUnreadable(DateOnly today)
    {
        if (Year is not { } year)
        {
            return false;
        }

        if (Day is not { } day)
        {
            return new DateOnly(year, Month, 1) <= today;
        }

        return day > DateTime.DaysInMonth(year, Month) || new DateOnly(year, Month, day) <= today;
    }

    public static int MonthNumber(string name) =>
        Array.FindIndex(Months, m => name.StartsWith(m, StringComparison.OrdinalIgnoreCase)) + 1;

    public static bool ReadDay(string digits, out int day) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out day) && day is >= 1 and <= 31;

    /// <summary>A four-digit year from 1900 to 2099, or a two-digit one (<c>'38</c>, or after a dash) read as the most recent such year.</summary>
    public static int? ReadYear(string text, DateOnly today, bool spelled)
    {
        var apostrophe = text.StartsWith('\'');
        var digits = apostrophe ? text[1..] : text;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        return digits.Length switch
        {
            4 when !apostrophe && year is >= 1900 and <= 2099 => year,
            2 when apostrophe || spelled => year + (year <= today.Year % 100 ? 2000 : 1900),
            _ => null,
        };
    }

    /// <summary>Three numbers read as a date: day/month/year as in the UK, month/day/year when only that works, or year-month-day.</summary>
    public static DateParts? Numeric(string first, string second, string third, DateOnly today)
    {
        if (first.Length == 4)
        {
            return third.Length <= 2 && !third.StartsWith('\'') && ReadYear(first, today, spelled: false) is { } isoYear
                && int.Parse(second, CultureInfo.InvariantCulture) is >= 1 and <= 12 and var isoMonth && ReadDay(third, out var isoDay)
                ? new DateParts(isoDay, isoMonth, isoYear)
                : null;
        }

        if (first.Length > 2 || ReadYear(third, today, spelled: true) is not { } year)
        {
            return null;
        }

        var a = int.Parse(first, CultureInfo.InvariantCulture);
        var b = int.Parse(second, CultureInfo.InvariantCulture);
        return (a, b) switch
        {
            ( >= 1 and <= 31, >= 1 and <= 12) => new DateParts(a, b, year),
            ( >= 1 and <= 12, >= 13 and <= 31) => new DateParts(b, a, year),
            _ => null,
        };
    }
}
