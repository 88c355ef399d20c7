using System.Globalization;
using System.Text.RegularExpressions;

namespace LearningBot.OneStopShop;

/// <summary>
/// People sometimes paste a patient's details into free text. Before that text is stored or passed on, anything that
/// looks like an email address, an NHS number (3-3-4 digits), a UK phone number, a date of birth (a date after "DOB",
/// "date of birth" or "born", or any full date that is not in the future, since learning questions name coming dates)
/// or a run of seven or more digits (hospital numbers, client references) is replaced. It errs on the side of removing:
/// a lost date costs less than a kept identifier. It is a safety net behind the warnings, not a guarantee: names and
/// addresses are not detected.
/// </summary>
public static partial class PersonalDataScrubber
{
    public const string Marker = "[removed]";

    public const string EmailAddress = "email address";
    public const string DateOfBirth = "date of birth";
    public const string NhsNumber = "NHS number";
    public const string PhoneNumber = "phone number";
    public const string LongNumber = "long number";

    public static ScrubbedText Scrub(string? text, DateOnly today, ScrubMarking marking = ScrubMarking.Labelled)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ScrubbedText(text?.Trim() ?? string.Empty, []);
        }

        var removed = new List<string>();
        var result = Replace(EmailPattern(), text, EmailAddress, marking, removed);
        result = Replace(CuedDate(), result, DateOfBirth, marking, removed);
        result = Replace(NhsNumberPattern(), result, NhsNumber, marking, removed);
        result = Replace(PhonePattern(), result, PhoneNumber, marking, removed);
        result = ReplaceWhere(AnyDate(), result, DateOfBirth, marking, removed, match => !IsFutureDate(match, today));
        result = Replace(LongNumberPattern(), result, LongNumber, marking, removed);
        return new ScrubbedText(result.Trim(), removed);
    }

    /// <summary>The kind with its article, for a sentence such as "I removed an NHS number".</summary>
    public static string Describe(string kind) => kind switch
    {
        NhsNumber or EmailAddress => "an " + kind,
        _ => "a " + kind,
    };

    private static string Replace(Regex pattern, string text, string kind, ScrubMarking marking, List<string> removed) =>
        ReplaceWhere(pattern, text, kind, marking, removed, _ => true);

    private static string ReplaceWhere(
        Regex pattern, string text, string kind, ScrubMarking marking, List<string> removed, Func<Match, bool> applies) =>
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

            return marking == ScrubMarking.Plain ? Marker : $"[{kind} removed]";
        });

    // Only a real date after today is kept; anything that does not read as a valid date is removed to be safe.
    private static bool IsFutureDate(Match match, DateOnly today) => ParseDate(match, today) is { } date && date > today;

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
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    private static int MonthNumber(string name) =>
        Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames,
            abbreviation => abbreviation.Length > 0 && name.StartsWith(abbreviation, StringComparison.OrdinalIgnoreCase)) + 1;

    [GeneratedRegex(@"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant, 250)]
    private static partial Regex EmailPattern();

    // "dob 3rd march 1948", "date of birth: 03 Mar 48", "born in 1950": whatever follows the cue, up to a date's length.
    [GeneratedRegex(@"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+(?:on|in))?)\s*(?:is\s*)?[:\-]?\s*"
        + @"(?:\d{1,2}(?:st|nd|rd|th)?\s*(?:of\s+)?[a-z]{3,9}\.?,?\s*\d{2,4}|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{4})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex CuedDate();

    // "12/03/1948", "01.02.85", "14th of Feb. 1962", "3 March 2019".
    [GeneratedRegex(@"(?<!\d)(?:(?<day>\d{1,2})[/.\-](?<month>\d{1,2})[/.\-](?<year>\d{4}|\d{2})"
        + @"|(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?<year>\d{4}))(?!\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex AnyDate();

    [GeneratedRegex(@"(?<![\d+])\d{3}[ \-]?\d{3}[ \-]?\d{4}(?!\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex NhsNumberPattern();

    [GeneratedRegex(@"(?:\+44\s?\(?0?\)?\s?|(?<!\d)0)\d{2,4}[\s\-]?\d{3,4}[\s\-]?\d{3,4}(?!\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(?<!\d)\d{7,}(?!\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex LongNumberPattern();
}
