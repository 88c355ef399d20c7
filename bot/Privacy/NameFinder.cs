namespace LearningBot.Privacy;

/// <summary>
/// Names where the text itself says a name is coming: after a title (<c>Mrs Joan Smith</c>, <c>Dr. A. Patel</c>,
/// <c>Sister Mary</c>, <c>mr jones</c>), beside a bed, room or bay (<c>Mary in bed 4</c>, <c>room 12, Joan Smith</c>), and
/// after who the person is to the writer or the patient (<c>my patient John Smith</c>, <c>her son Daniel</c>,
/// <c>Patient name: …</c>). The title, bed and room stay; up to three name words go. Words that are plainly not names
/// ("and", "Training", "Associate", "Ward") stop a name (the word lists are in NameFinder.Words.cs), and an
/// organisation after a relation ("our client Acme Ltd") is not a person (NameFinder.Organisations.cs). One pass over
/// the text's words.
/// </summary>
internal static partial class NameFinder
{
    private const int MaxNameWords = 3;

    private enum TokenKind
    {
        Word,
        Number,
        Mark,
    }

    public static void Find(string text, List<Finding> found)
    {
        var tokens = Tokenise(text);
        var firstName = found.Count;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Word)
            {
                continue;
            }

            var word = Word(text, tokens[i]);
            if (Title(word) is { } title)
            {
                AfterTitle(text, tokens, i, title, found);
            }
            else if (PlaceWords.Contains(word.ToLowerInvariant()) && PlaceNumber(text, tokens, i) is var number and >= 0)
            {
                BeforePlace(text, tokens, i, found);
                AfterPlace(text, tokens, number, found);
                BedOnWard(text, tokens, i, number, found);
            }
            else if (IsRelation(text, tokens, i, word) is var relation and not Relation.None)
            {
                AfterRelation(text, tokens, i, relation == Relation.NameStandsAlone, found);
                if (Relations.Contains(word))
                {
                    BeforeRelation(text, tokens, i, found);
                }
            }
            else if (word.Equals("aged", StringComparison.OrdinalIgnoreCase) && AgeAt(text, tokens, i + 1, aged: true) >= 0)
            {
                BeforeAge(text, tokens, i, found);
            }
            else if (IsYearOld(text, tokens, i, word))
            {
                AfterYearOld(text, tokens, i + 1, found);
            }
        }

        AgesAfterNames(text, tokens, found, firstName);
    }

    private static void AfterTitle(string text, List<Token> tokens, int titleAt, string title, List<Finding> found)
    {
        var at = titleAt + 1;
        if (IsMark(text, tokens, at, '.') && !tokens[at].SpaceBefore)
        {
            at++;
        }

        if (at >= tokens.Count || tokens[at].Kind != TokenKind.Word || (at == titleAt + 1 && !tokens[at].SpaceBefore))
        {
            return;
        }

        var first = Word(text, tokens[at]);
        var strong = StrongTitles.Contains(title);
        var starts = IsInitial(first)
            ? char.IsUpper(first[0]) || (strong && !Function.Contains(first))
            : IsCapitalised(first)
                ? !Function.Contains(first) && (strong || !NotNames.Contains(first))
                : LowerCaseNameTitles.Contains(title) && !Function.Contains(first) && !NotNames.Contains(first);
        if (starts && Title(first) is null)
        {
            var end = NameEnd(text, tokens, at);
            if (!IsCapitalised(first) && !IsInitial(first) && end <= tokens[at].End && LowerCaseSurname(text, tokens, at + 1) is { } surname)
            {
                end = WithoutPossessive(text, surname);
            }

            found.Add(new Finding(tokens[at].Start, end, PersonalDataScrubber.Name, Finding.Named));
        }
    }

    /// <summary>
    /// "mr david thompson": after a lower-case first name, a lower-case word that is no function word or common verb is
    /// the surname ("mr jones lives alone" loses at most a verb, which costs less than a kept surname).
    /// </summary>
    private static Token? LowerCaseSurname(string text, List<Token> tokens, int at)
    {
        if (at >= tokens.Count || tokens[at].Kind != TokenKind.Word || !tokens[at].SpaceBefore)
        {
            return null;
        }

        var word = WithoutPossessive(Word(text, tokens[at]));
        var verbLike = word.EndsWith("ed", StringComparison.Ordinal) || word.EndsWith("ing", StringComparison.Ordinal);
        return word.Length >= 2 && char.IsLower(word[0]) && !verbLike && !Function.Contains(word) && !NotNames.Contains(word)
            && !CommonVerbs.Contains(word) && Title(word) is null
            ? tokens[at]
            : null;
    }

    /// <summary>"Joan Smith in room 12", "Mary (bed 4)", "Mr Jones, bay 3": capitalised words just before the place.</summary>
    private static void BeforePlace(string text, List<Token> tokens, int placeAt, List<Finding> found)
    {
        var at = placeAt - 1;
        if (at >= 0 && tokens[at].Kind == TokenKind.Word && PlaceModifiers.Contains(Word(text, tokens[at]).ToLowerInvariant()))
        {
            at--;
        }

        if (at < 0 || !(tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]) is "in" or "on" or "from" or "at" or "of" or "to")
            && !(tokens[at].Kind == TokenKind.Mark && text[tokens[at].Start] is ',' or '(' or '-' or ':'))
        {
            return;
        }

        var last = at - 1;
        var first = at;
        while (first - 1 >= 0 && last - first + 1 < MaxNameWords && IsNameWord(text, tokens[first - 1]))
        {
            first--;
        }

        if (first <= last)
        {
            found.Add(new Finding(tokens[first].Start, WithoutPossessive(text, tokens[last]), PersonalDataScrubber.Name, Finding.Named));
        }
    }

    /// <summary>"room 12, Joan Smith", "bed 4 (Mary)", "bay 3 is Mr Jones" (the title does the rest).</summary>
    private static void AfterPlace(string text, List<Token> tokens, int numberAt, List<Finding> found)
    {
        var at = numberAt + 1;
        for (var marks = 0; marks < 2 && at < tokens.Count && tokens[at].Kind == TokenKind.Mark && text[tokens[at].Start] is ',' or ':' or '-' or '(' or ')'; marks++)
        {
            at++;
        }

        if (at < tokens.Count && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]) is "is" or "was" or "called" or "named" or "with")
        {
            at++;
        }

        if (at < tokens.Count && IsNameWord(text, tokens[at]))
        {
            found.Add(new Finding(tokens[at].Start, NameEnd(text, tokens, at), PersonalDataScrubber.Name, Finding.Named));
        }
    }

    /// <summary>The end of a name that starts at <paramref name="at"/>: up to three words, initials with their dots, particles.</summary>
    private static int NameEnd(string text, List<Token> tokens, int at)
    {
        var last = at;
        var end = tokens[at].End;
        var words = 1;
        var k = at + 1;
        while (k < tokens.Count && words < MaxNameWords)
        {
            var token = tokens[k];
            if (token.Kind == TokenKind.Mark && text[token.Start] == '.' && !token.SpaceBefore && IsInitial(Word(text, tokens[last])))
            {
                end = token.End;
                k++;
                continue;
            }

            if (token.Kind != TokenKind.Word || !(token.SpaceBefore || tokens[k - 1].Kind == TokenKind.Mark))
            {
                break;
            }

            var word = Word(text, token);
            if (Particles.Contains(word) && k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Word && IsCapitalised(Word(text, tokens[k + 1])))
            {
                k++;
                continue;
            }

            var placeFollows = k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Number;
            if (!IsNameWord(text, token) && !(Surnames.Contains(word) && IsCapitalised(word) && !placeFollows))
            {
                break;
            }

            last = k;
            end = token.End;
            words++;
            k++;
        }

        return end == tokens[last].End ? WithoutPossessive(text, tokens[last]) : end;
    }

    private static bool IsNameWord(string text, Token token)
    {
        if (token.Kind != TokenKind.Word)
        {
            return false;
        }

        var word = Word(text, token);
        return (IsCapitalised(word) || (IsInitial(word) && char.IsUpper(word[0]) && word != "I" && word != "A"))
            && !Function.Contains(word) && !NotNames.Contains(WithoutPossessive(word)) && Title(word) is null;
    }

    /// <summary>The title a word is, lower-cased, or null: "Mrs", "mrs" and "MRS" are; "MS" (the condition, or Microsoft) is not.</summary>
    private static string? Title(string word)
    {
        var lower = word.ToLowerInvariant();
        if (!StrongTitles.Contains(lower) && !WeakTitles.Contains(lower))
        {
            return null;
        }

        var capitalised = char.IsUpper(word[0]) && word.AsSpan(1).ToString() == word[1..].ToLowerInvariant();
        return word == lower || capitalised || (word == word.ToUpperInvariant() && lower is "mrs" or "miss") ? lower : null;
    }

    private static int PlaceNumber(string text, List<Token> tokens, int placeAt)
    {
        var at = placeAt + 1;
        if (at < tokens.Count && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]).ToLowerInvariant() is "no" or "number")
        {
            at++;
        }

        if (IsMark(text, tokens, at, '.') || IsMark(text, tokens, at, '#'))
        {
            at++;
        }

        return at < tokens.Count && tokens[at].Kind == TokenKind.Number ? at : -1;
    }

    /// <summary>The index of the first token from <paramref name="from"/> that starts at or after <paramref name="position"/> (a name's few words on).</summary>
    private static int TokenAt(List<Token> tokens, int from, int position)
    {
        var k = from;
        while (k < tokens.Count && tokens[k].Start < position)
        {
            k++;
        }

        return k;
    }

    private static bool IsMark(string text, List<Token> tokens, int at, char mark) =>
        at < tokens.Count && tokens[at].Kind == TokenKind.Mark && text[tokens[at].Start] == mark;

    private static bool IsCapitalised(string word) => word.Length >= 2 && char.IsUpper(word[0]);

    private static bool IsInitial(string word) => word.Length == 1 && char.IsLetter(word[0]);

    private static string WithoutPossessive(string word) =>
        word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) && word.Length > 2 ? word[..^2] : word;

    private static int WithoutPossessive(string text, Token token) =>
        token.End - (Word(text, token).Length - WithoutPossessive(Word(text, token)).Length);

    private static string Word(string text, Token token) => text[token.Start..token.End];

    /// <summary>Words (letters, with apostrophes and hyphens inside), numbers (with one letter after, as in "4a") and single marks.</summary>
    private static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        var space = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\n')
            {
                space = true;
                i++;
                continue;
            }

            var start = i;
            TokenKind kind;
            if (char.IsLetter(c))
            {
                i++;
                while (i < text.Length && (char.IsLetter(text[i]) || (text[i] is '\'' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
                {
                    i++;
                }

                kind = TokenKind.Word;
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i < text.Length && char.IsAsciiLetter(text[i]) && (i + 1 >= text.Length || !char.IsLetter(text[i + 1])))
                {
                    i++;
                }

                kind = TokenKind.Number;
            }
            else
            {
                i++;
                kind = TokenKind.Mark;
            }

            tokens.Add(new Token(start, i, kind, space));
            space = false;
        }

        return tokens;
    }

    private enum Relation
    {
        None,
        Named,
        NameStandsAlone,
    }

    private readonly record struct Token(int Start, int End, TokenKind Kind, bool SpaceBefore);
}
