using System.Text.RegularExpressions;

namespace LearningBot.Privacy;

/// <summary>The detectors built on <see cref="IdentifierPatterns"/>: each match is checked in code, then recorded.</summary>
internal static class Detectors
{
    private static readonly HashSet<string> NotStreetWords = new(
        ["the", "a", "an", "to", "of", "on", "in", "at", "by", "for", "from", "with", "and", "or", "my", "our", "your", "their", "his", "her",
         "its", "this", "that", "every", "each", "per", "is", "was", "down", "up", "across", "along", "cross", "crossing", "over", "off", "near"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> CueLetters = new(
        ["MRN", "ID", "NO", "NR", "NHS", "CHI", "NI", "LAS", "PAS", "REF", "TEL", "MOB", "DOB", "PIN", "ESR", "NMC", "GMC", "HCPC", "PT", "HOSP", "UNIT", "CASE"],
        StringComparer.Ordinal);

    private static readonly string[] TopLevel = ["uk", "com", "org", "net", "scot", "wales", "ie", "info", "io", "me", "eu", "biz", "gov", "nhs"];

    public static void Emails(string text, List<Finding> found)
    {
        Each(IdentifierPatterns.Email, text, match => Add(found, match, PersonalDataScrubber.EmailAddress, Finding.Certain));
        Each(IdentifierPatterns.BracketedEmail, text, match => Add(found, match, PersonalDataScrubber.EmailAddress, Finding.Certain));
        Each(IdentifierPatterns.WordedEmail, text, match =>
        {
            if (IsWordedEmail(match.Value))
            {
                Add(found, match, PersonalDataScrubber.EmailAddress, Finding.Certain);
            }
        });
    }

    public static void NationalInsuranceNumbers(string text, List<Finding> found) =>
        Each(IdentifierPatterns.NationalInsurance, text, match =>
        {
            // Without its final letter it is only an NI number when cued; otherwise letters and six digits are a hospital number.
            // Lower case and spaced with no cue ("on 12 34 56 a") is more likely words and numbers.
            var cued = Cues.Before(text, match.Index, Cues.NationalInsurance);
            var lowerAndSpaced = char.IsLower(match.Value[0]) && !char.IsAsciiDigit(match.Value[2]);
            if (cued || (match.Groups[1].Success && !lowerAndSpaced))
            {
                Add(found, match, PersonalDataScrubber.NationalInsuranceNumber, Finding.Certain);
            }
        });

    public static void ClientReferences(string text, List<Finding> found) =>
        Each(IdentifierPatterns.ClientReference, text, match =>
        {
            var reference = match.Groups[1];
            var value = reference.Value.TrimEnd('-', '/');
            if (value.Count(char.IsAsciiDigit) >= 3)
            {
                found.Add(new Finding(reference.Index, reference.Index + value.Length, PersonalDataScrubber.ClientReference, Finding.Certain));
            }
        });

    public static void Postcodes(string text, List<Finding> found) =>
        Each(IdentifierPatterns.Postcode, text, match => Add(found, match, PersonalDataScrubber.Postcode, Finding.Structured));

    public static void Addresses(string text, List<Finding> found)
    {
        Each(IdentifierPatterns.Address, text, match => Add(found, match, PersonalDataScrubber.Address, Finding.Structured));
        Each(IdentifierPatterns.CuedAddress, text, match =>
            found.Add(new Finding(match.Groups[1].Index, match.Groups[1].Index + match.Groups[1].Length, PersonalDataScrubber.Address, Finding.Structured)));
        Each(IdentifierPatterns.LowerCaseAddress, text, match =>
        {
            if (!match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(NotStreetWords.Contains))
            {
                Add(found, match, PersonalDataScrubber.Address, Finding.Structured);
            }
        });
    }

    public static void HospitalNumbers(string text, List<Finding> found)
    {
        Each(IdentifierPatterns.LettersThenDigits, text, match => Add(found, match, PersonalDataScrubber.HospitalNumber, Finding.Structured));
        Each(IdentifierPatterns.CapitalsSpaceDigits, text, match =>
        {
            // "MRN 1234567" and "ID 1234567": the letters are the cue, kept; the number is found by NumberRuns.
            if (!CueLetters.Contains(match.Value[..match.Value.IndexOf(' ', StringComparison.Ordinal)]))
            {
                Add(found, match, PersonalDataScrubber.HospitalNumber, Finding.Structured);
            }
        });
    }

    public static void NumberPlates(string text, List<Finding> found)
    {
        Each(IdentifierPatterns.NumberPlate, text, match => Add(found, match, PersonalDataScrubber.VehicleRegistration, Finding.Structured));
        foreach (var pattern in (ReadOnlySpan<Regex>)[IdentifierPatterns.CuedNumberPlate, IdentifierPatterns.OlderNumberPlate])
        {
            Each(pattern, text, match =>
            {
                if (Cues.Before(text, match.Index, Cues.Vehicle))
                {
                    Add(found, match, PersonalDataScrubber.VehicleRegistration, Finding.Structured);
                }
            });
        }
    }

    public static void Dates(string text, DateOnly today, List<Finding> found)
    {
        Each(IdentifierPatterns.NumericDate, text, match =>
        {
            if (DigitBefore(text, match.Index) || DigitAt(text, match.Index + match.Length))
            {
                return;
            }

            if (match.Groups[2].Value != match.Groups[4].Value)
            {
                return;
            }

            var (first, second, third) = (match.Groups[1].Value, match.Groups[3].Value, match.Groups[5].Value);
            if (DateParts.Numeric(first, second, third, today) is { } parts)
            {
                AddDate(text, match.Index, match.Index + match.Length, parts, today, found);
            }
        });

        Each(IdentifierPatterns.DayMonth, text, match =>
        {
            if (WordCharBefore(text, match.Index) || !DateParts.ReadDay(match.Groups[1].Value, out var day))
            {
                return;
            }

            var month = DateParts.MonthNumber(match.Groups[2].Value);
            var year = match.Groups[3];
            var end = match.Index + match.Length;
            int? readYear = null;
            var spelled = SeparatorBefore(text, year.Index) || Cues.Before(text, match.Index, Cues.Birth) || Cues.Before(text, match.Index, Cues.Care);
            if (year.Success && !DigitAt(text, end) && DateParts.ReadYear(year.Value, today, spelled) is { } y)
            {
                readYear = y;
            }
            else if (year.Success)
            {
                end = match.Groups[2].Index + match.Groups[2].Length;
            }

            // "on 10 November." ends a sentence: the full stop (or an abbreviation's dot) carries nothing and stays.
            if (readYear is null && text[end - 1] == '.')
            {
                end--;
            }

            AddDate(text, match.Index, end, new DateParts(day, month, readYear), today, found);
        });

        Each(IdentifierPatterns.MonthDay, text, match =>
        {
            var dayGroup = match.Groups[2];
            if (DigitAt(text, dayGroup.Index + dayGroup.Length) || !DateParts.ReadDay(dayGroup.Value, out var day))
            {
                return;
            }

            var month = DateParts.MonthNumber(match.Groups[1].Value);
            var year = match.Groups[3];
            var end = match.Index + match.Length;
            int? readYear = null;
            var spelled = Cues.Before(text, match.Index, Cues.Birth) || Cues.Before(text, match.Index, Cues.Care);
            if (year.Success && !DigitAt(text, end) && DateParts.ReadYear(year.Value, today, spelled || text[year.Index - 1] == ',') is { } y)
            {
                readYear = y;
            }
            else if (year.Success)
            {
                end = dayGroup.Index + dayGroup.Length;
                while (end < text.Length && char.IsAsciiLetter(text[end]))
                {
                    end++;
                }
            }

            AddDate(text, match.Index, end, new DateParts(day, month, readYear), today, found);
        });

        Each(IdentifierPatterns.MonthYear, text, match =>
        {
            // "March 24" is a day; "Mar-24", "Mar '24" and "March 2024" are a month and year.
            var dashed = match.Groups[2].Value.AsSpan().IndexOfAny('-', '/') >= 0;
            if (!DigitAt(text, match.Index + match.Length) && !DayBefore(text, match.Index) && DateParts.ReadYear(match.Groups[3].Value, today, spelled: dashed) is { } readYear)
            {
                AddDate(text, match.Index, match.Index + match.Length, new DateParts(null, DateParts.MonthNumber(match.Groups[1].Value), readYear), today, found);
            }
        });

        Each(IdentifierPatterns.CuedYear, text, match =>
            found.Add(new Finding(match.Groups[1].Index, match.Groups[1].Index + match.Groups[1].Length, PersonalDataScrubber.DateOfBirth, Finding.Dated)));

        Each(IdentifierPatterns.BracketedYear, text, match =>
            found.Add(new Finding(match.Groups[1].Index, match.Groups[1].Index + match.Groups[1].Length, PersonalDataScrubber.Date, Finding.Dated)));
    }

    /// <summary>
    /// Records a date unless it is a coming one (a course, a deadline) or one that follows an event ("the training on 3
    /// December 2026"), with nothing marking it as a birth or care date.
    /// </summary>
    internal static void AddDate(string text, int start, int end, DateParts parts, DateOnly today, List<Finding> found)
    {
        var birth = Cues.Before(text, start, Cues.Birth);
        if (!birth && !Cues.Before(text, start, Cues.Care) && (!parts.IsPastOrUnreadable(today) || Cues.Before(text, start, Cues.Event)))
        {
            return;
        }

        found.Add(new Finding(start, end, birth ? PersonalDataScrubber.DateOfBirth : PersonalDataScrubber.Date, Finding.Dated));
    }

    private static bool IsWordedEmail(string value)
    {
        var at = value.IndexOf(" at ", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            at = value.IndexOf("  at", StringComparison.OrdinalIgnoreCase);
        }

        var local = at < 0 ? value : value[..at];
        var domain = at < 0 ? string.Empty : value[(at + 4)..].TrimStart();
        if (domain.StartsWith("www", StringComparison.OrdinalIgnoreCase) || !TopLevel.Any(t => value.EndsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // "the form is at skillsforcare.org.uk" names a website; spelt-out dots, or a dotted or numbered name, mean an address.
        return value.Contains(" dot ", StringComparison.OrdinalIgnoreCase) || local.AsSpan().IndexOfAny("._0123456789") >= 0;
    }

    private static void Each(Regex pattern, string text, Action<Match> onMatch)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            onMatch(match);
        }
    }

    private static void Add(List<Finding> found, Match match, string kind, int rank) =>
        found.Add(new Finding(match.Index, match.Index + match.Length, kind, rank));

    /// <summary>"3 " or "12th of " just before a month: the day and month detector has read (or kept) the whole date.</summary>
    private static bool DayBefore(string text, int index)
    {
        var i = index - 1;
        var stop = Math.Max(0, index - 12);
        while (i >= stop && text[i] is ' ' or '-' or '.' or '/')
        {
            i--;
        }

        if (i >= stop + 1 && text[i - 1] == 'o' && text[i] == 'f' && (i < 2 || !char.IsLetter(text[i - 2])))
        {
            for (i -= 2; i >= stop && text[i] == ' '; i--)
            {
            }
        }

        if (i >= stop + 1 && text.AsSpan(i - 1, 2) is "st" or "nd" or "rd" or "th")
        {
            i -= 2;
        }

        var digits = 0;
        while (i >= stop && char.IsAsciiDigit(text[i]) && digits < 3)
        {
            digits++;
            i--;
        }

        return digits is 1 or 2 && (i < 0 || !char.IsLetterOrDigit(text[i]))
            && DateParts.ReadDay(text.Substring(i + 1, digits), out _);
    }

    private static bool DigitBefore(string text, int index) => index > 0 && char.IsAsciiDigit(text[index - 1]);

    private static bool DigitAt(string text, int index) => index < text.Length && char.IsAsciiDigit(text[index]);

    private static bool WordCharBefore(string text, int index) => index > 0 && char.IsLetterOrDigit(text[index - 1]);

    // A two-digit year after a spelled month needs an apostrophe or a dash or dot before it: "12 Mar 38" could be "12 Mar, 38 people".
    private static bool SeparatorBefore(string text, int index)
    {
        for (var i = index - 1; i >= 0 && i >= index - 3; i--)
        {
            if (text[i] is '-' or '.' or '/')
            {
                return true;
            }

            if (text[i] != ' ')
            {
                return false;
            }
        }

        return false;
    }
}
