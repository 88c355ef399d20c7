namespace LearningBot.Privacy;

/// <summary>Organisations named where a person could be: "our client Acme Ltd" is a company, "our client Mary Jones" a person.</summary>
internal static partial class NameFinder
{
    /// <summary>The most capitalised words read to find an organisation's ending ("Riverside Community NHS Foundation Trust").</summary>
    private const int MaxOrganisationWords = 6;

    /// <summary>
    /// Words an organisation's name ends in: after "client" or "patient", a capitalised run ending in one of these is an
    /// organisation ("our client Acme Ltd", "client Northfield Parish Council"), not a person, and stays.
    /// </summary>
    private static readonly HashSet<string> OrganisationEndings = new(
        [
            "ltd", "limited", "plc", "llp", "llc", "inc", "cic", "cio", "co", "company", "trust", "council", "foundation", "charity",
            "services", "group", "partnership", "nhs", "association", "society", "agency", "alliance", "federation", "cooperative",
            "co-operative", "network", "hospice", "academy", "college", "university", "school", "icb",
        ],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the capitalised words from <paramref name="at"/> (joined by "&amp;", "and", "of", "for" or "the", up to
    /// <see cref="MaxOrganisationWords"/>) end in a word organisations end in: "Acme Ltd", "Green Valley Housing Trust",
    /// "Smith &amp; Jones LLP". "NHS" counts only when no number follows ("Mary Jones NHS no 943…" and "Mary Jones NHS 943…" are a person).
    /// </summary>
    private static bool IsOrganisation(string text, List<Token> tokens, int at)
    {
        string? last = null;
        var words = 0;
        var k = at;
        while (k < tokens.Count && words < MaxOrganisationWords)
        {
            var token = tokens[k];
            var joins = token.Kind == TokenKind.Mark ? text[token.Start] == '&' : Word(text, token) is "and" or "of" or "for" or "the";
            if (joins && last is not null && k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Word && IsCapitalised(Word(text, tokens[k + 1])))
            {
                k++;
                continue;
            }

            if (token.Kind != TokenKind.Word || !IsCapitalised(Word(text, token)))
            {
                break;
            }

            last = WithoutPossessive(Word(text, token));
            words++;
            k++;
        }

        if (last is null || !OrganisationEndings.Contains(last))
        {
            return false;
        }

        return !last.Equals("NHS", StringComparison.OrdinalIgnoreCase) || !NumberFollows(tokens, k, text);
    }

    /// <summary>
    /// Whether an NHS number follows <paramref name="at"/>: "number", "no" and the like, or the digits themselves after
    /// nothing but a colon or hash ("NHS 943 476 5919", "NHS: 943…", "NHS # 943…").
    /// </summary>
    private static bool NumberFollows(List<Token> tokens, int at, string text)
    {
        var k = at;
        while (k < tokens.Count && tokens[k].Kind == TokenKind.Mark && text[tokens[k].Start] is ':' or '#')
        {
            k++;
        }

        // An NHS number starts with three digits or more ("943 476 5919", "9434765919"); "NHS: 12 staff" is a count.
        return k < tokens.Count && ((tokens[k].Kind == TokenKind.Number && tokens[k].End - tokens[k].Start >= 3)
            || (tokens[k].Kind == TokenKind.Word && Word(text, tokens[k]).ToLowerInvariant() is "number" or "no" or "num" or "nos"));
    }
}
