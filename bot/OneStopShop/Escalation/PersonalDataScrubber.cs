using System.Globalization;
using System.Text.RegularExpressions;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>Free text with obvious personal identifiers replaced, and what kinds were removed (for telling the person).</summary>
public sealed record ScrubbedText(string Text, IReadOnlyList<string> Removed)
{
    public bool Changed => Removed.Count > 0;
}

/// <summary>
/// Removes obvious patient-identifiable data from free text before it is stored: NHS numbers (3-3-4 digits),
/// UK phone numbers, and dates of birth (a date after "DOB", "date of birth" or "born", or any full date more
/// than a year in the past, since learning questions name future dates, not past ones). It is a safety net
/// behind the warning on the card, not a guarantee: names and addresses are not detected.
/// </summary>
public static partial class PersonalDataScrubber
{
    public const string NhsNumber = "an NHS number";
    public const string PhoneNumber = "a phone number";
    public const string DateOfBirth = "a date of birth";

    public static ScrubbedText Scrub(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ScrubbedText(text?.Trim() ?? string.Empty, []);
        }

        var removed = new List<string>();
        var result = Replace(CuedDate(), text, "[date of birth removed]", DateOfBirth, removed);
        result = Replace(NhsNumberPattern(), result, "[NHS number removed]", NhsNumber, removed);
        result = Replace(PhonePattern(), result, "[phone number removed]", PhoneNumber, removed);
        result = ReplaceWhere(AnyDate(), result, "[date of birth removed]", DateOfBirth, removed,
            match => ParseDate(match, today) is { } date && date < today.AddYears(-1));
        return new ScrubbedText(result.Trim(), removed);
    }

    private static string Replace(Regex pattern, string text, string replacement, string kind, List<string> removed) =>
        ReplaceWhere(pattern, text, replacement, kind, removed, _ => true);

    private static string ReplaceWhere(Regex pattern, string text, string replacement, string kind, List<string> removed, Func<Match, bool> applies) =>
        pattern.Replace(text, match =>
        {
            if (!applies(match))
            {
                return match.Value;
            }

            if (!removed.Contains(kind))
            {
                removed.Add(kind);
            }

            return replacement;
        });

    private static DateOnly? ParseDate(Match match, DateOnly today)
    {
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["year"].Value.Length == 2)
        {
            year += year <= today.Year % 100 ? 2000 : 1900;
        }

        var month = match.Groups["month"].Value is { Length: > 0 } m && char.IsDigit(m[0])
            ? int.Parse(m, CultureInfo.InvariantCulture)
            : MonthNumber(match.Groups["month"].Value);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month)
            ? new DateOnly(year, month, day)
            : null;
    }

    private static int MonthNumber(string name) =>
        Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames,
            abbreviation => abbreviation.Length > 0 && name.StartsWith(abbreviation, StringComparison.OrdinalIgnoreCase)) + 1;

    private const string DatePattern =
        @"(?<day>\d{1,2})[/.\-](?<month>\d{1,2})[/.\-](?<year>\d{4}|\d{2})(?!\d)"
        + @"|(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?),?\s+(?<year>\d{4})";

    [GeneratedRegex(@"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?)\s*(?:is\s*)?[:\-]?\s*(?:" + DatePattern + ")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex CuedDate();

    [GeneratedRegex(@"(?<!\d)(?:" + DatePattern + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex AnyDate();

    [GeneratedRegex(@"(?<![\d+])\d{3}[ \-]?\d{3}[ \-]?\d{4}(?!\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex NhsNumberPattern();

    [GeneratedRegex(@"(?:\+44\s?(?:\(0\)\s?)?|(?<![\d+])0)\d{2,4}[ \-]?\d{3,4}[ \-]?\d{3,4}(?!\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex PhonePattern();
}
