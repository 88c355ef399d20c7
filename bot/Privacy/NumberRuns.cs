namespace LearningBot.Privacy;

/// <summary>
/// Finds runs of digit groups and decides what each run is. A run is digits with short separators between them: one
/// or two spaces, a dash (spaced or not), brackets (<c>(0161) 496 0000</c>, <c>+44 (0)20</c>); a dot, slash or
/// underscore joins only groups of three digits or more, so times (<c>09.30</c>), dates (<c>12/03</c>) and years
/// (<c>2024/25</c>) are not joined up. What the run is then depends on its digits, its grouping and the cue before
/// it (a spaced slash, " / ", always separates two numbers): 10 digits are an NHS (or, after "CHI", a CHI) number, 11 starting 0 or +44 a phone number, 7 or more a
/// hospital number, client reference or long number, 6 after a cue a hospital number or client reference, 6 or 8 after
/// "DOB" a date of birth written without separators (<c>120348</c>). One
/// pass over the text, each character looked at a bounded number of times.
/// </summary>
internal static class NumberRuns
{
    private const int MaxSeparator = 5;

    public static void Find(string text, DateOnly today, List<Finding> found)
    {
        var groups = new List<(int Start, int End)>();
        var separators = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            groups.Clear();
            separators.Clear();
            var open = i > 0 && text[i - 1] == '(';
            var usedBracket = false;
            var end = DigitsEnd(text, i);
            groups.Add((i, end));
            while (true)
            {
                var next = SeparatorEnd(text, end, ref open, out var bracket);
                if (next < 0)
                {
                    break;
                }

                var nextEnd = DigitsEnd(text, next);
                var separator = text[end..next];
                if (separator.AsSpan().IndexOfAny("./_") >= 0 && (separator.Contains(' ', StringComparison.Ordinal) || groups[^1].End - groups[^1].Start < 3 || nextEnd - next < 3))
                {
                    break;
                }

                usedBracket |= bracket;
                separators.Add(separator);
                groups.Add((next, nextEnd));
                end = nextEnd;
            }

            Classify(text, i, end, groups, separators, usedBracket, today, found);
            i = end;
        }
    }

    private static int DigitsEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end;
    }

    /// <summary>Where the next group starts if a separator follows <paramref name="start"/>, else -1.</summary>
    private static int SeparatorEnd(string text, int start, ref bool open, out bool bracket)
    {
        bracket = false;
        var spaces = 0;
        var marks = 0;
        var opened = open;
        var position = start;
        while (position < text.Length && position - start < MaxSeparator)
        {
            var c = text[position];
            if (c == ' ')
            {
                spaces++;
            }
            else if (c is '-' or '.' or '/' or '_')
            {
                marks++;
            }
            else if (c == '(' && !opened)
            {
                opened = true;
                bracket = true;
            }
            else if (c == ')' && opened)
            {
                opened = false;
                bracket = true;
            }
            else
            {
                break;
            }

            position++;
        }

        if (position == start || spaces > 3 || marks > 1 || position >= text.Length || !char.IsAsciiDigit(text[position]))
        {
            return -1;
        }

        open = opened;
        return position;
    }

    private static void Classify(
        string text, int start, int end, List<(int Start, int End)> groups, List<string> separators, bool usedBracket, DateOnly today, List<Finding> found)
    {
        var digits = string.Concat(groups.Select(g => text[g.Start..g.End]));
        var count = digits.Length;
        var before = start > 0 ? text[start - 1] : ' ';
        var after = end < text.Length ? text[end] : ' ';

        // Digits inside a word (course codes such as MH101, hospital numbers such as RXH1234567) belong to the letter patterns.
        if (char.IsLetter(before) || char.IsLetter(after) && !IsOrdinal(text, end))
        {
            if (count >= 9)
            {
                found.Add(new Finding(start, end, PersonalDataScrubber.LongNumber, Finding.Fallback));
            }

            return;
        }

        if (IsDateShaped(groups, separators) && DateParts.Numeric(Part(text, groups[0]), Part(text, groups[1]), Part(text, groups[2]), today) is { } parts)
        {
            Detectors.AddDate(text, start, end, parts, today, found);
            return;
        }

        if (before is '£' or '$' or '€' || count < 6)
        {
            return;
        }

        if (IsRange(text, groups, separators))
        {
            return;
        }

        var plus = before == '+';
        var spanStart = plus || (before == '(' && usedBracket) ? start - 1 : start;
        if (Kind(text, spanStart, digits, plus) is { } kind)
        {
            found.Add(new Finding(spanStart, end, kind, kind == PersonalDataScrubber.LongNumber ? Finding.Fallback : Finding.Structured));
        }
    }

    private static string? Kind(string text, int start, string digits, bool plus)
    {
        var count = digits.Length;
        if ((plus && count is >= 8 and <= 15) || (digits.StartsWith("0044", StringComparison.Ordinal) && count is >= 13 and <= 15))
        {
            return PersonalDataScrubber.PhoneNumber;
        }

        var nhs = Cues.Before(text, start, Cues.Nhs);
        var chi = Cues.Before(text, start, Cues.Chi);
        var hospital = Cues.Before(text, start, Cues.Hospital);
        var patient = hospital || Cues.Before(text, start, Cues.Patient);
        var client = Cues.Before(text, start, Cues.Client);
        var phone = Cues.Before(text, start, Cues.Phone);
        var birth = Cues.Before(text, start, Cues.Birth);
        return count switch
        {
            6 or 8 when birth => PersonalDataScrubber.DateOfBirth,
            11 when digits[0] == '0' => PersonalDataScrubber.PhoneNumber,
            10 when chi => PersonalDataScrubber.ChiNumber,
            10 when nhs => PersonalDataScrubber.NhsNumber,
            10 when digits[0] == '0' => PersonalDataScrubber.PhoneNumber,
            10 when hospital => PersonalDataScrubber.HospitalNumber,
            10 when client => PersonalDataScrubber.ClientReference,
            10 when phone => PersonalDataScrubber.PhoneNumber,
            10 => PersonalDataScrubber.NhsNumber,
            _ when patient => PersonalDataScrubber.HospitalNumber,
            _ when client => PersonalDataScrubber.ClientReference,
            >= 7 when nhs => PersonalDataScrubber.NhsNumber,
            >= 7 when chi => PersonalDataScrubber.ChiNumber,
            >= 7 when phone || (digits[0] == '0' && count <= 12) => PersonalDataScrubber.PhoneNumber,
            >= 7 => PersonalDataScrubber.LongNumber,
            6 when nhs => PersonalDataScrubber.NhsNumber,
            6 when chi => PersonalDataScrubber.ChiNumber,
            _ => null,
        };
    }

    /// <summary>Three groups such as 12-03-1948, 12 03 48 or 1948-03-12, with the same separator twice.</summary>
    private static bool IsDateShaped(List<(int Start, int End)> groups, List<string> separators)
    {
        if (groups.Count != 3 || separators[0].Trim() != separators[1].Trim())
        {
            return false;
        }

        var lengths = groups.Select(g => g.End - g.Start).ToArray();
        return (lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] is 2 or 4) || (lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2);
    }

    /// <summary>"1000-2000", "0930 - 1630", "2024 2025": two short numbers are a range, times or years, not an identifier.</summary>
    private static bool IsRange(string text, List<(int Start, int End)> groups, List<string> separators)
    {
        if (groups.Count != 2)
        {
            return false;
        }

        if (separators[0].Contains('-', StringComparison.Ordinal) && groups.All(g => g.End - g.Start <= 4))
        {
            return true;
        }

        return groups.All(g => g.End - g.Start == 4)
            && (groups.All(g => int.Parse(Part(text, g), System.Globalization.CultureInfo.InvariantCulture) is >= 1900 and <= 2099)
                || groups.All(g => IsClockTime(Part(text, g))));
    }

    private static bool IsClockTime(string fourDigits) =>
        fourDigits[0] is '0' or '1' or '2' && int.Parse(fourDigits[..2], System.Globalization.CultureInfo.InvariantCulture) <= 23 && fourDigits[2] <= '5';

    private static bool IsOrdinal(string text, int index) =>
        index + 1 < text.Length && text.AsSpan(index, 2) is var s
        && (s.Equals("st", StringComparison.OrdinalIgnoreCase) || s.Equals("nd", StringComparison.OrdinalIgnoreCase)
            || s.Equals("rd", StringComparison.OrdinalIgnoreCase) || s.Equals("th", StringComparison.OrdinalIgnoreCase));

    private static string Part(string text, (int Start, int End) group) => text[group.Start..group.End];
}
