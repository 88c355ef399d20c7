using System.Globalization;

namespace LearningBot.Privacy;

/// <summary>
/// Ages beside a name: "Mrs Evans, 87, fell", "Eileen Baxter (79)", "Miss Harper, aged 19". With the name gone the
/// age still narrows who it was, so it goes too. An age also says a person is named: "Frank Doyle aged 84",
/// "90-year-old Doris Walker" (two name words at least: "Women aged 50" is a group). Ages of groups stay.
/// </summary>
internal static partial class NameFinder
{
    private const int OldestAge = 120;

    /// <summary>
    /// Words that make a capitalised run a building or a place ("the 100-year-old Royal Infirmary"), for the rules with no
    /// title or relation to go on. Not those that are common surnames too (Hall, West, Park).
    /// </summary>
    private static readonly HashSet<string> PlaceNameWords = new(
        [
            "royal", "infirmary", "general", "memorial", "abbey", "castle", "cathedral", "chapel", "tower", "victorian", "georgian",
            "edwardian", "street", "road", "square", "county", "city", "town", "valley", "greater", "upon", "institute",
        ],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> AgeUnits = new(["years", "year", "yrs", "yr", "yo"], StringComparer.OrdinalIgnoreCase);

    /// <summary>For each name found from <paramref name="first"/> on, the age written just after it.</summary>
    private static void AgesAfterNames(string text, List<Token> tokens, List<Finding> found, int first)
    {
        var count = found.Count;
        var k = 0;
        for (var f = first; f < count; f++)
        {
            if (found[f].Kind != PersonalDataScrubber.Name)
            {
                continue;
            }

            // Names are found almost in text order, so the token search never goes back: one pass in all (a name found
            // out of order is looked past, and its age may be missed; the merge absorbs any repeat).
            while (k < tokens.Count && tokens[k].Start < found[f].End)
            {
                k++;
            }

            var at = k;
            var marked = at < tokens.Count && tokens[at].Kind == TokenKind.Mark && text[tokens[at].Start] is ',' or '(';
            if (marked)
            {
                at++;
            }

            var aged = at < tokens.Count && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]).ToLowerInvariant() is "aged" or "age";
            if (aged)
            {
                at++;
            }

            var number = AgeAt(text, tokens, at, aged, marked);
            if (number >= 0)
            {
                found.Add(new Finding(tokens[number].Start, tokens[number].End, PersonalDataScrubber.Age, Finding.Named));
            }
        }
    }

    /// <summary>
    /// The index of an age at <paramref name="at"/> (a number up to 120), or -1. Unless <paramref name="aged"/> it must
    /// be set off as an age is (", 87," "(92)" when <paramref name="marked"/>, or "84 years"): not "Mrs Khan, 3 days ago".
    /// </summary>
    private static int AgeAt(string text, List<Token> tokens, int at, bool aged, bool marked = false)
    {
        if (at >= tokens.Count || tokens[at].Kind != TokenKind.Number || tokens[at].End - tokens[at].Start > 3
            || !char.IsAsciiDigit(text[tokens[at].End - 1]) || int.Parse(text.AsSpan(tokens[at].Start, tokens[at].End - tokens[at].Start), NumberStyles.None, CultureInfo.InvariantCulture) > OldestAge)
        {
            return -1;
        }

        var next = at + 1;
        if (next >= tokens.Count)
        {
            return aged ? at : -1;
        }

        var setOff = tokens[next].Kind == TokenKind.Mark
            ? marked && text[tokens[next].Start] is ',' or ')' or '.' or ';' && !(next + 1 < tokens.Count && tokens[next + 1].Kind == TokenKind.Number && !tokens[next + 1].SpaceBefore)
            : tokens[next].Kind == TokenKind.Word && AgeUnits.Contains(Word(text, tokens[next]));
        return aged || setOff ? at : -1;
    }

    /// <summary>"Frank Doyle aged 84", "Frank Doyle, aged 84": two or three name words before "aged".</summary>
    private static void BeforeAge(string text, List<Token> tokens, int agedAt, List<Finding> found)
    {
        var last = agedAt - 1;
        if (last >= 0 && tokens[last].Kind == TokenKind.Mark && text[tokens[last].Start] == ',')
        {
            last--;
        }

        var first = last + 1;
        while (first - 1 >= 0 && last - first + 1 < MaxNameWords && IsNameWord(text, tokens[first - 1]))
        {
            first--;
        }

        if (last - first + 1 >= 2 && !NamesAPlace(text, tokens, first, last))
        {
            found.Add(new Finding(tokens[first].Start, WithoutPossessive(text, tokens[last]), PersonalDataScrubber.Name, Finding.Named));
        }
    }

    private static bool NamesAPlace(string text, List<Token> tokens, int first, int last)
    {
        for (var k = first; k <= last; k++)
        {
            if (tokens[k].Kind == TokenKind.Word && PlaceNameWords.Contains(Word(text, tokens[k])))
            {
                return true;
            }
        }

        return IsOrganisation(text, tokens, first);
    }

    /// <summary>"90-year-old", "Ninety-year-old", "90 year old".</summary>
    private static bool IsYearOld(string text, List<Token> tokens, int at, string word) =>
        word.EndsWith("year-old", StringComparison.OrdinalIgnoreCase)
        || (word.Equals("old", StringComparison.OrdinalIgnoreCase) && at > 0 && tokens[at - 1].Kind == TokenKind.Word
            && Word(text, tokens[at - 1]).ToLowerInvariant() is "year" or "years");

    /// <summary>"90-year-old Doris Walker": two name words or more after the age.</summary>
    private static void AfterYearOld(string text, List<Token> tokens, int at, List<Finding> found)
    {
        if (at + 1 < tokens.Count && IsNameWord(text, tokens[at]) && IsNameWord(text, tokens[at + 1]) && tokens[at + 1].SpaceBefore)
        {
            var end = NameEnd(text, tokens, at);
            if (!NamesAPlace(text, tokens, at, TokenAt(tokens, at, end) - 1))
            {
                found.Add(new Finding(tokens[at].Start, end, PersonalDataScrubber.Name, Finding.Named));
            }
        }
    }
}
