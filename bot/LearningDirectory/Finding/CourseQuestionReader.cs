using System.Globalization;
using System.Text.RegularExpressions;
using LearningBot.Calendar;

namespace LearningBot.LearningDirectory.Finding;

/// <summary>
/// Reads a question for the directory: is it after a course (words such as course, training, book, session,
/// e-learning, refresher, "where do I do my…", a date or a place), and which time, place and format it names.
/// Dates are read in UK time.
/// </summary>
public static partial class CourseQuestionReader
{
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12]
        .Select(m => m.ToLowerInvariant()).ToArray();

    private static readonly HashSet<string> NotPlaces = new(["here", "home", "work", "you", "the", "this", "that", "there", "where"], StringComparer.Ordinal);

    /// <param name="knownPlaces">Words of the places sessions are held in ("peterborough"), lower case.</param>
    public static CourseQuestion Read(string question, DateTimeOffset now, IReadOnlySet<string> knownPlaces)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(knownPlaces);
        var text = question.ToLowerInvariant();
        var seeking = CourseWords().IsMatch(text) && !(AdviceOpening().IsMatch(text) && !BookingWords().IsMatch(text));

        var when = ReadWhen(ref text, now);
        var place = ReadPlace(ref text, knownPlaces);
        var formats = ReadFormats(ref text);
        seeking |= (when is not null || place is not null) && !AdviceOpening().IsMatch(question.ToLowerInvariant());
        return new CourseQuestion(text, seeking, when, place, formats);
    }

    private static DateWindow? ReadWhen(ref string text, DateTimeOffset now)
    {
        var match = WhenWords().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var today = UkTime.Today(now);
        var words = match.Value.Trim();
        var window = words switch
        {
            "today" => Window(today, today.AddDays(1), words),
            "tomorrow" => Window(today.AddDays(1), today.AddDays(2), words),
            "this week" => Window(today, StartOfWeek(today).AddDays(7), words),
            "next week" => Window(StartOfWeek(today).AddDays(7), StartOfWeek(today).AddDays(14), words),
            "this month" => Window(today, StartOfMonth(today).AddMonths(1), words),
            "next month" => Window(StartOfMonth(today).AddMonths(1), StartOfMonth(today).AddMonths(2), words),
            "soon" or "coming up" => Window(today, today.AddDays(42), words),
            _ => MonthWindow(words, today),
        };
        text = text.Remove(match.Index, match.Length).Insert(match.Index, " ");
        return window;
    }

    private static DateWindow? MonthWindow(string words, DateOnly today)
    {
        var name = words.Split(' ')[^1];
        var month = Array.FindIndex(Months, m => m.StartsWith(name, StringComparison.Ordinal)) + 1;
        if (month == 0)
        {
            return null;
        }

        var year = month < today.Month ? today.Year + 1 : today.Year;
        var first = new DateOnly(year, month, 1);
        return Window(first < today ? today : first, first.AddMonths(1), $"in {Months[month - 1][..1].ToUpperInvariant()}{Months[month - 1][1..]}");
    }

    private static DateWindow Window(DateOnly from, DateOnly to, string words) => new(UkMidnight(from), UkMidnight(to), words);

    private static DateTimeOffset UkMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, UkTime.Zone.GetUtcOffset(local));
    }

    private static DateOnly StartOfWeek(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateOnly StartOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    private static string? ReadPlace(ref string text, IReadOnlySet<string> knownPlaces)
    {
        foreach (Match match in PlaceWords().Matches(text))
        {
            var word = match.Groups["place"].Value;
            if (knownPlaces.Contains(word) || (match.Groups["near"].Value is "near" or "around" && !NotPlaces.Contains(word)))
            {
                text = text.Remove(match.Index, match.Length).Insert(match.Index, " ");
                return word;
            }
        }

        foreach (Match word in Word().Matches(text))
        {
            if (word.Length >= 4 && knownPlaces.Contains(word.Value))
            {
                text = text.Remove(word.Index, word.Length).Insert(word.Index, " ");
                return word.Value;
            }
        }

        return null;
    }

    private static HashSet<CourseFormat> ReadFormats(ref string text)
    {
        var formats = new HashSet<CourseFormat>();
        foreach (Match match in FormatWords().Matches(text))
        {
            formats.UnionWith(match.Value switch
            {
                var v when v.Contains("set", StringComparison.Ordinal) || v == "action learning" => [CourseFormat.LearningSet],
                var v when v.StartsWith("shadow", StringComparison.Ordinal) => [CourseFormat.Shadowing],
                var v when v.StartsWith('e') || v.StartsWith("online ", StringComparison.Ordinal) => [CourseFormat.ELearning],
                "classroom" or "face to face" or "face-to-face" or "in person" or "in-person" => [CourseFormat.Classroom, CourseFormat.Blended],
                _ => [CourseFormat.Online, CourseFormat.ELearning],
            });
        }

        text = FormatWords().Replace(text, " ");
        return formats;
    }

    [GeneratedRegex(@"\b(courses?|training|train|trained|book|booking|booked|sign(ing)? ?up|enrol+(ing)?|register|sessions?|e-?learning|modules?|refresher|refresh|renew(al)?|workshops?|class(es)?|places? on|dates?|where (do|can|should) i (do|go)|how do i get on|when is the next|is there an?y?|any(thing)? on|upcoming|available)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex CourseWords();

    /// <summary>Questions about how learning works, or who to ask, rather than for a course ("what is…", "why…", "who…", "should we…").</summary>
    [GeneratedRegex(@"^\W*(what\s+(is|are|does)\b|what'?s\b|why\b|who\b|how\s+(does|do\s+(we|you|they)|many|much|often|should|would|can\s+we)\b|should\b|could\b|is\s+(?!there\b)|does\b|do\s+(all|we|you|they|i\s+have)\b|can\s+(we|you|social|volunteers)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex AdviceOpening();

    /// <summary>Words that ask for a place on a course even when the question opens like advice ("what sessions are there next week").</summary>
    [GeneratedRegex(@"\b(book|booking|booked|sign(ing)? ?up|enrol+(ing)?|sessions|dates|next|upcoming|near|where|when|refresher|renew(al)?|available)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex BookingWords();

    [GeneratedRegex(@"\b(today|tomorrow|this week|next week|this month|next month|soon|coming up|(in |during |for )?(january|february|march|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)|(in|during) may)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex WhenWords();

    [GeneratedRegex(@"\b(?<near>near|around|in|at)\s+(?<place>[a-z][a-z'-]{2,})\b", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceWords();

    [GeneratedRegex(@"[a-z][a-z'-]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(e-?learning|online (module|course|learning)s?|online|virtual|remote(ly)?|on teams|on zoom|classroom|face[ -]to[ -]face|in[ -]person|learning sets?|action learning|shadowing|shadow)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex FormatWords();
}
