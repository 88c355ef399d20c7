namespace LearningBot.Privacy;

/// <summary>
/// Names found by who the person is to the writer or the patient: after the relation ("my patient John Smith", "her son,
/// Daniel,", "Patient: Mary Brown") or before it ("Tom Hargreaves, the patient's nephew").
/// </summary>
internal static partial class NameFinder
{
    /// <summary>
    /// "patient", "her son", "service user" (lower case), or any case with a colon after it ("Patient: ..."). A capitalised
    /// relation that starts a sentence ("Resident Albert refused...") and the roles a colleague has ("my colleague Priya",
    /// "carer Jo") count only when the name stands alone, not as the start of a heading ("Patient Leaders Programme").
    /// </summary>
    private static Relation IsRelation(string text, List<Token> tokens, int at, string word)
    {
        var lower = word.ToLowerInvariant();
        var serviceUser = lower == "user" && at > 0 && tokens[at - 1].Kind == TokenKind.Word && Word(text, tokens[at - 1]).Equals("service", StringComparison.OrdinalIgnoreCase);
        if (lower == "name")
        {
            // "Name: Mary Brown" on a line of its own or after "his", "her", "full"; not "Course name: Leading Change".
            var before = at > 0 && tokens[at - 1].Kind == TokenKind.Word ? Word(text, tokens[at - 1]).ToLowerInvariant() : null;
            return IsMark(text, tokens, at + 1, ':') && (before is null or "his" or "her" or "their" or "full" or "first" or "surname")
                ? Relation.Named
                : Relation.None;
        }

        var colon = IsMark(text, tokens, at + 1, ':');
        if (lower == "contact")
        {
            // "Contact: Lucy Green"; "contact Age UK" is an organisation more often than a person.
            return colon ? Relation.Named : Relation.None;
        }

        var role = Roles.Contains(lower);
        if (!Relations.Contains(lower) && !serviceUser && !role)
        {
            return Relation.None;
        }

        var nameFollows = at + 1 < tokens.Count && tokens[at + 1].Kind == TokenKind.Word && Word(text, tokens[at + 1]).Equals("name", StringComparison.OrdinalIgnoreCase);
        if (colon || (nameFollows && IsMark(text, tokens, at + 2, ':')))
        {
            return Relation.Named;
        }

        if (word == lower)
        {
            return role ? Relation.NameStandsAlone : Relation.Named;
        }

        return IsCapitalised(word) && word[1..] == lower[1..] && StartsSentence(text, tokens, serviceUser ? at - 1 : at)
            ? Relation.NameStandsAlone
            : Relation.None;
    }

    private static bool StartsSentence(string text, List<Token> tokens, int at) =>
        at == 0 || (tokens[at - 1].Kind == TokenKind.Mark && text[tokens[at - 1].Start] is '.' or '!' or '?' or ';' or '(' or '"')
        || text.AsSpan(tokens[at - 1].End, tokens[at].Start - tokens[at - 1].End).Contains('\n');

    /// <summary>"my patient John Smith", "her son, Daniel,", "patient: Mary Brown", "resident (Edith Walker)", "patient name: John Smith".</summary>
    private static void AfterRelation(string text, List<Token> tokens, int relationAt, bool standsAlone, List<Finding> found)
    {
        var at = relationAt + 1;
        if (at < tokens.Count && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]).ToLowerInvariant() is "name" or "called" or "named")
        {
            at++;
            if (at < tokens.Count && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]) == "is")
            {
                at++;
            }
        }

        if (at < tokens.Count && tokens[at].Kind == TokenKind.Mark && text[tokens[at].Start] is ',' or ':' or '(' or '-')
        {
            at++;
        }

        // Capitals only ("patient NEWS2 score", "patient ID") are abbreviations, not names; "our client Acme Ltd" is an organisation.
        if (at < tokens.Count && IsNameWord(text, tokens[at]) && Word(text, tokens[at]) is var first && first != first.ToUpperInvariant()
            && !AfterRelationNotNames.Contains(WithoutPossessive(first)) && !IsOrganisation(text, tokens, at))
        {
            var end = NameEnd(text, tokens, at);
            var next = TokenAt(tokens, at, end);
            if (!standsAlone || next >= tokens.Count || tokens[next].Kind != TokenKind.Word || !IsCapitalised(Word(text, tokens[next])))
            {
                found.Add(new Finding(tokens[at].Start, end, PersonalDataScrubber.Name, Finding.Named));
            }
        }
    }

    /// <summary>
    /// "Tom Hargreaves, the patient's nephew", "Mary Brown, her daughter": two or three name words, a comma, then who
    /// the person is ("Later, her son rang" has one word, so it stays; "In Greater Manchester, her son" is a place).
    /// </summary>
    private static void BeforeRelation(string text, List<Token> tokens, int relationAt, List<Finding> found)
    {
        var at = relationAt - 1;
        if (at >= 0 && tokens[at].Kind == TokenKind.Word && (Word(text, tokens[at]) is "her" or "his" or "their" or "my" or "our"
            || Word(text, tokens[at]).EndsWith("'s", StringComparison.Ordinal)))
        {
            at--;
        }

        if (at >= 0 && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]) == "the")
        {
            at--;
        }

        if (at == relationAt - 1 || at < 0 || tokens[at].Kind != TokenKind.Mark || text[tokens[at].Start] != ',')
        {
            return;
        }

        var last = at - 1;
        var first = at;
        while (first - 1 >= 0 && last - first + 1 < MaxNameWords && IsNameWord(text, tokens[first - 1]))
        {
            first--;
        }

        // "In Greater Manchester, the patient's son...": a place, not a person.
        var place = first > 0 && tokens[first - 1].Kind == TokenKind.Word
            && Word(text, tokens[first - 1]).ToLowerInvariant() is "in" or "at" or "from" or "near" or "across" or "around" or "within" or "outside";
        if (last - first + 1 >= 2 && !place && !NamesAPlace(text, tokens, first, last))
        {
            found.Add(new Finding(tokens[first].Start, WithoutPossessive(text, tokens[last]), PersonalDataScrubber.Name, Finding.Named));
        }
    }
}
