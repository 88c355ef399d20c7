namespace LearningBot.OneStopShop.Knowledge.Text;

/// <summary>
/// Turns text into index terms: words are lower-cased, American spellings folded to British, stemmed
/// (Porter2), and stop words flagged; synonym phrases from the <see cref="SynonymTable"/> are found on the
/// stemmed words so that "training needs analysis", "TNA" and "LNA" share one concept term.
/// </summary>
internal sealed class TextAnalyzer
{
    /// <summary>Longer words are left out of the analysis.</summary>
    public const int MaxWordLength = 40;
    private const int MaxKeyLength = 256;
    private const char ConceptMarker = '~';

    private readonly Dictionary<string, int[]> _phraseGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private readonly string[] _conceptTerms;
    private readonly string[] _labels;

    public TextAnalyzer(SynonymTable synonyms)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        _phraseLookup = _phraseGroups.GetAlternateLookup<ReadOnlySpan<char>>();
        _labels = synonyms.Groups.Select(g => g[0]).ToArray();
        _conceptTerms = Enumerable.Range(0, _labels.Length).Select(g => $"{ConceptMarker}{g}").ToArray();
        var scratch = new AnalysedText();
        var keys = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var g = 0; g < synonyms.Groups.Count; g++)
        {
            foreach (var entry in synonyms.Groups[g])
            {
                scratch.Reset();
                Tokenise(entry, scratch);
                if (scratch.Count == 0)
                {
                    continue;
                }

                var key = string.Join(' ', Enumerable.Range(0, scratch.Count).Select(i => scratch.Term(i).ToString()));
                MaxPhraseLength = Math.Max(MaxPhraseLength, scratch.Count);
                if (!keys.TryGetValue(key, out var list))
                {
                    keys[key] = list = [];
                }

                if (!list.Contains(g))
                {
                    list.Add(g);
                }
            }
        }

        foreach (var (key, list) in keys)
        {
            _phraseGroups[key] = [.. list];
        }
    }

    public int MaxPhraseLength { get; }

    public int GroupCount => _labels.Length;

    /// <summary>The index term standing for synonym group <paramref name="group"/>.</summary>
    public string ConceptTerm(int group) => _conceptTerms[group];

    public string GroupLabel(int group) => _labels[group];

    public static bool IsConceptTerm(string term) => term.Length > 0 && term[0] == ConceptMarker;

    /// <summary>Analyses <paramref name="text"/> into <paramref name="into"/> (which is reset first).</summary>
    public void Analyse(ReadOnlySpan<char> text, AnalysedText into)
    {
        into.Reset();
        Tokenise(text, into);
        FindPhrases(into);
    }

    private static void Tokenise(ReadOnlySpan<char> text, AnalysedText into)
    {
        var pendingBreak = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                pendingBreak |= IsBreak(c);
                i++;
                continue;
            }

            var end = WordEnd(text, i);
            if (end - i <= MaxWordLength)
            {
                AddToken(text, i, end, pendingBreak, into);
                pendingBreak = false;
            }

            i = end;
        }
    }

    private static bool IsBreak(char c) =>
        c is '.' or ',' or ';' or ':' or '?' or '!' or '(' or ')' or '[' or ']' or '|' or '\n' or '/' or '"' or '\u2022';

    private static int WordEnd(ReadOnlySpan<char> text, int start)
    {
        var j = start + 1;
        while (j < text.Length)
        {
            var c = text[j];
            var nextIsLetter = j + 1 < text.Length && char.IsLetterOrDigit(text[j + 1]);
            if (char.IsLetterOrDigit(c)
                || (c is '\'' or '\u2019' && nextIsLetter)
                || (c == '&' && nextIsLetter && j - start <= 2)
                || (c == '-' && nextIsLetter && j - start == 1))
            {
                j++;
                continue;
            }

            break;
        }

        return j;
    }

    private static void AddToken(ReadOnlySpan<char> text, int start, int end, bool breakBefore, AnalysedText into)
    {
        var raw = text[start..end];
        var surfaceStart = into.Reserve(raw.Length + 1);
        var surface = into.Chars(surfaceStart, raw.Length + 1);
        var length = 0;
        var lettersOnly = true;
        if (raw is "IT")
        {
            // Upper-case "IT" is information technology, not the pronoun.
            "ict".AsSpan().CopyTo(surface);
            length = 3;
        }
        else
        {
            foreach (var c in raw)
            {
                if (c == '-')
                {
                    continue;
                }

                var folded = c == '\u2019' ? '\'' : char.ToLowerInvariant(c);
                lettersOnly &= char.IsLetter(folded) || folded == '\'';
                surface[length++] = folded;
            }
        }

        if (lettersOnly)
        {
            SpellingVariants.FoldZEndings(surface[..length]);
        }

        into.Trim(surfaceStart + length);
        var termStart = into.Reserve(length + 8);
        var term = into.Chars(termStart, length + 8);
        surface[..length].CopyTo(term);
        var termLength = length;
        if (lettersOnly)
        {
            termLength = EnglishStemmer.Stem(term[..length]);
            if (SpellingVariants.BritishStem(term[..termLength]) is { } british && british.Length <= term.Length)
            {
                british.AsSpan().CopyTo(term);
                termLength = british.Length;
            }
        }

        into.Trim(termStart + termLength);
        ref var token = ref into.Add();
        token.SurfaceStart = surfaceStart;
        token.SurfaceLength = length;
        token.TermStart = termStart;
        token.TermLength = termLength;
        token.IsStop = StopWords.Contains(into.Surface(into.Count - 1));
        token.BreakBefore = breakBefore;
        token.SourceStart = start;
        token.SourceLength = end - start;
    }

    private void FindPhrases(AnalysedText text)
    {
        if (_phraseGroups.Count == 0)
        {
            return;
        }

        Span<char> key = stackalloc char[MaxKeyLength];
        var i = 0;
        while (i < text.Count)
        {
            var matched = 0;
            for (var length = Math.Min(MaxPhraseLength, text.Count - i); length >= 1 && matched == 0; length--)
            {
                if (SpansBreak(text, i, length) || !TryBuildKey(text, i, length, key, out var keyLength))
                {
                    continue;
                }

                if (_phraseLookup.TryGetValue(key[..keyLength], out var groups))
                {
                    foreach (var group in groups)
                    {
                        text.AddPhrase(new PhraseMatch(i, length, group));
                    }

                    matched = length;
                }
            }

            i += Math.Max(matched, 1);
        }
    }

    private static bool SpansBreak(AnalysedText text, int first, int length)
    {
        for (var k = first + 1; k < first + length; k++)
        {
            if (text[k].BreakBefore)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryBuildKey(AnalysedText text, int first, int length, Span<char> key, out int keyLength)
    {
        keyLength = 0;
        for (var k = first; k < first + length; k++)
        {
            var term = text.Term(k);
            var needed = term.Length + (k > first ? 1 : 0);
            if (keyLength + needed > key.Length)
            {
                return false;
            }

            if (k > first)
            {
                key[keyLength++] = ' ';
            }

            term.CopyTo(key[keyLength..]);
            keyLength += term.Length;
        }

        return true;
    }
}
