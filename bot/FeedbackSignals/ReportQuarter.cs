using System.Globalization;
using System.Text.RegularExpressions;
using LearningBot.Cards;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// A calendar quarter (Q1 is January to March) the feedback signals report covers: signals are recorded by month, so a
/// quarter is three months and never anything finer.
/// </summary>
public sealed partial record ReportQuarter(int Year, int Number)
{
    /// <summary>The quarter's key, as buttons carry it and the command accepts it: <c>2026-Q3</c>.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}");

    /// <summary>The quarter in words, by its months: "July to September 2026".</summary>
    public string InWords => $"{DateBounds.MonthName(FirstMonth)} to {DateBounds.MonthName(FirstMonth + 2)} {Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The months it covers, as signals record them (<c>yyyy-MM</c>).</summary>
    public IReadOnlyList<string> Months =>
        [.. Enumerable.Range(FirstMonth, 3).Select(month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{month:D2}"))];

    public ReportQuarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public ReportQuarter Next => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    public bool IsAfter(ReportQuarter other) => Year > other.Year || (Year == other.Year && Number > other.Number);

    private int FirstMonth => ((Number - 1) * 3) + 1;

    public static ReportQuarter Of(DateTime day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    /// <summary>
    /// The quarter typed after the command (<c>2026 Q3</c>, <c>2026-Q3</c>, <c>Q3 2026</c>), or <paramref name="current"/>
    /// when nothing was typed; null when the text is not a quarter.
    /// </summary>
    public static ReportQuarter? Parse(string? text, ReportQuarter current)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return current;
        }

        var match = QuarterPattern().Match(trimmed);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Success ? match.Groups["year"].Value : match.Groups["year2"].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups["q"].Success ? match.Groups["q"].Value : match.Groups["q2"].Value, CultureInfo.InvariantCulture);
        return year is >= 2000 and <= 2999 ? new ReportQuarter(year, number) : null;
    }

    [GeneratedRegex(@"^(?:(?<year>\d{4})\s*-?\s*q(?<q>[1-4])|q(?<q2>[1-4])\s*-?\s*(?<year2>\d{4}))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuarterPattern();
}
