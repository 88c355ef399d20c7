using System.Text.RegularExpressions;

namespace LearningBot.OneStopShop.Answers;

/// <summary>What was taken out of a question before it was stored.</summary>
/// <param name="Text">The question with each suspected identifier replaced by <see cref="PersonalDataScrubber.Marker"/>.</param>
/// <param name="Removed">The kinds removed (for example "NHS number", "phone number"), empty when nothing was.</param>
public sealed record ScrubbedText(string Text, IReadOnlyList<string> Removed)
{
    public bool WasScrubbed => Removed.Count > 0;
}

/// <summary>
/// Questions are free text and people sometimes paste a patient's details into them. Before a question is stored
/// or passed on, anything that looks like an NHS number, a phone number, a date of birth or an email address is
/// replaced with <see cref="Marker"/>. It errs on the side of removing: a lost course date costs less than a kept
/// identifier.
/// </summary>
public static partial class PersonalDataScrubber
{
    public const string Marker = "[removed]";

    private static readonly (string Kind, Regex Pattern)[] Patterns =
    [
        ("email address", Email()),
        ("date of birth", BirthDatePhrase()),
        ("date", NumericDate()),
        ("date of birth", WrittenDateWithYear()),
        ("NHS number", NhsNumber()),
        ("phone number", PhoneNumber()),
        ("long number", LongNumber()),
    ];

    public static ScrubbedText Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var removed = new List<string>();
        foreach (var (kind, pattern) in Patterns)
        {
            var replaced = pattern.Replace(text, Marker);
            if (!ReferenceEquals(replaced, text) && replaced != text)
            {
                if (!removed.Contains(kind))
                {
                    removed.Add(kind);
                }

                text = replaced;
            }
        }

        return new ScrubbedText(text, removed);
    }

    [GeneratedRegex(@"[\w.+'-]+@[\w-]+(\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // "dob 3rd march 1948", "date of birth: 03 Mar 48", "born on 1 May 1950": whatever follows the cue, up to a date's length.
    [GeneratedRegex(@"\b(d\.?o\.?b\.?|date of birth|born( on| in)?)\s*[:\-]?\s*(\d{1,2}(st|nd|rd|th)?\s*(of\s+)?[a-z]{3,9}\.?,?\s*\d{2,4}|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{4})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BirthDatePhrase();

    [GeneratedRegex(@"\b\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4}|\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    // A day, a month name and a year of birth age (1900s or early 2000s); "3 March 2027" is a course date and stays.
    [GeneratedRegex(@"\b\d{1,2}(st|nd|rd|th)?\s+(of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(19\d{2}|200\d|201[0-5])\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenDateWithYear();

    [GeneratedRegex(@"\b\d{3}[ \-]?\d{3}[ \-]?\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex NhsNumber();

    [GeneratedRegex(@"(\+44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s\-]?\d{3,4}[\s\-]?\d{3,4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();

    // Hospital numbers, client references and the like: any run of seven or more digits.
    [GeneratedRegex(@"\b\d{7,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumber();
}
