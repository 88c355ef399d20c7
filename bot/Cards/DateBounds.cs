using System.Globalization;

namespace LearningBot.Cards;

/// <summary>
/// The first and last day a date input accepts, worked out from today so that they move with the date. A card shows
/// them as its <c>Input.Date</c>'s <c>min</c> and <c>max</c> (from <see cref="Min"/> and <see cref="Max"/> in its data),
/// and <see cref="CardSubmission"/> checks a submitted date against the same card on the server, so a value the date
/// picker would never send (year 0001 or 9999, a crafted request) is refused with the card's own message.
/// </summary>
public readonly record struct DateBounds(DateOnly Earliest, DateOnly Latest)
{
    /// <summary>How <c>Input.Date</c> sends a date, and the only form accepted.</summary>
    public const string DayFormat = "yyyy-MM-dd";

    // The bot runs in globalization-invariant mode, so English month names are spelt out here.
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>From <paramref name="today"/> (when <paramref name="fromTomorrow"/> is false) to <paramref name="months"/> months ahead.</summary>
    public static DateBounds Ahead(DateOnly today, int months, bool fromTomorrow = false) =>
        new(fromTomorrow ? today.AddDays(1) : today, today.AddMonths(months));

    /// <summary>From <paramref name="months"/> months ago to <paramref name="today"/>: a day that has happened.</summary>
    public static DateBounds Past(DateOnly today, int months) => new(today.AddMonths(-months), today);

    /// <summary>The earliest day as <c>min</c> takes it (yyyy-MM-dd).</summary>
    public string Min => Day(Earliest);

    /// <summary>The latest day as <c>max</c> takes it (yyyy-MM-dd).</summary>
    public string Max => Day(Latest);

    public bool Contains(DateOnly day) => day >= Earliest && day <= Latest;

    /// <summary>"from 5 December 2026 to 4 June 2028".</summary>
    public string InWords => $"from {InWordsOf(Earliest)} to {InWordsOf(Latest)}";

    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>For example "22 November 2026".</summary>
    public static string InWordsOf(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Day} {MonthName(day.Month)} {day.Year}");

    /// <summary>The month's name in English ("November" for 11).</summary>
    public static string MonthName(int month) => Months[month - 1];

    /// <summary>
    /// The day <paramref name="text"/> names, only when written exactly as a date input sends it: four-figure year,
    /// two-figure month and day, a day the month has, nothing else (no time, no offset, no spaces). Null otherwise.
    /// </summary>
    public static DateOnly? Parse(string? text) =>
        text is { Length: 10 }
        && DateOnly.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && Day(day) == text
            ? day
            : null;
}
