namespace LearningBot.OneStopShop.Knowledge.Text;

/// <summary>
/// The Porter2 ("Snowball English") stemmer, working in place on a lower-case buffer so the
/// query path can stem without allocating.
/// </summary>
public static class EnglishStemmer
{
    private static readonly (string Word, string Stem)[] SpecialWords =
    [
        ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("hying", "hie"), ("vying", "vie"), ("lying", "lie"), ("tying", "tie"),
        ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"),
        ("singly", "singl"), ("sky", "sky"), ("news", "news"), ("howe", "howe"), ("atlas", "atlas"),
        ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
    ];

    private static readonly string[] InvariantAfterStep1A =
        ["inning", "outing", "canning", "herring", "earring", "evening", "proceed", "exceed", "succeed"];

    // Prefixes whose R1 starts right after them, so that e.g. "generous" and "general" stay apart.
    private static readonly string[] R1Prefixes = ["gener", "commun", "arsen", "univers", "later", "emerg", "organ", "inter"];

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ization", "ize"), ("ational", "ate"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
        ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"), ("entli", "ent"), ("ation", "ate"),
        ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"),
        ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"),
        ("alli", "al"), ("ogist", "og"), ("bli", "ble"), ("ogi", "og"), ("li", ""),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
        ("ative", ""), ("ical", "ic"), ("ness", ""), ("ful", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous",
        "ive", "ize", "ion", "al", "er", "ic",
    ];

    /// <summary>Stems one lower-case word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        word.AsSpan().CopyTo(buffer);
        var length = Stem(buffer);
        return buffer[..length].SequenceEqual(word) ? word : new string(buffer[..length]);
    }

    /// <summary>Stems the lower-case word held in <paramref name="w"/> in place; returns its new length.</summary>
    public static int Stem(Span<char> w)
    {
        var n = w.Length;
        if (n <= 2)
        {
            return n;
        }

        if (w[0] == '\'')
        {
            w[1..].CopyTo(w);
            n--;
        }

        w = w[..n];
        foreach (var (word, stem) in SpecialWords)
        {
            if (w[..n].SequenceEqual(word))
            {
                stem.AsSpan().CopyTo(w);
                return stem.Length;
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (w[i] == 'y' && (i == 0 || IsVowel(w[i - 1])))
            {
                w[i] = 'Y';
            }
        }

        var (r1, r2) = Regions(w[..n]);
        n = Step0(w, n);
        n = Step1A(w, n);
        foreach (var invariant in InvariantAfterStep1A)
        {
            if (w[..n].SequenceEqual(invariant))
            {
                return n;
            }
        }

        n = Step1B(w, n, r1);
        n = Step1C(w, n);
        n = Step2(w, n, r1);
        n = Step3(w, n, r1, r2);
        n = Step4(w, n, r2);
        n = Step5(w, n, r1, r2);
        for (var i = 0; i < n; i++)
        {
            if (w[i] == 'Y')
            {
                w[i] = 'y';
            }
        }

        return n;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static (int R1, int R2) Regions(ReadOnlySpan<char> w)
    {
        var r1 = w.Length;
        var prefixFound = false;
        foreach (var prefix in R1Prefixes)
        {
            if (w.StartsWith(prefix))
            {
                r1 = prefix.Length;
                prefixFound = true;
                break;
            }
        }

        if (!prefixFound)
        {
            r1 = RegionAfter(w, 0);
        }

        return (r1, RegionAfter(w, r1));
    }

    /// <summary>The position after the first non-vowel that follows a vowel, searching from <paramref name="start"/>.</summary>
    private static int RegionAfter(ReadOnlySpan<char> w, int start)
    {
        for (var i = start + 1; i < w.Length; i++)
        {
            if (!IsVowel(w[i]) && IsVowel(w[i - 1]))
            {
                return i + 1;
            }
        }

        return w.Length;
    }

    private static bool EndsWith(Span<char> w, int n, string suffix) =>
        n >= suffix.Length && w[(n - suffix.Length)..n].SequenceEqual(suffix);

    private static int Replace(Span<char> w, int n, string suffix, string replacement)
    {
        var start = n - suffix.Length;
        replacement.AsSpan().CopyTo(w[start..]);
        return start + replacement.Length;
    }

    private static bool EndsWithShortSyllable(ReadOnlySpan<char> w, int n)
    {
        if (n == 2)
        {
            return IsVowel(w[0]) && !IsVowel(w[1]);
        }

        return n >= 3 && !IsVowel(w[n - 3]) && IsVowel(w[n - 2]) && !IsVowel(w[n - 1])
            && w[n - 1] is not ('w' or 'x' or 'Y');
    }

    private static bool ContainsVowel(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
        {
            if (IsVowel(c))
            {
                return true;
            }
        }

        return false;
    }

    private static int Step0(Span<char> w, int n)
    {
        if (EndsWith(w, n, "'s'"))
        {
            return n - 3;
        }

        if (EndsWith(w, n, "'s"))
        {
            return n - 2;
        }

        return EndsWith(w, n, "'") ? n - 1 : n;
    }

    private static int Step1A(Span<char> w, int n)
    {
        if (EndsWith(w, n, "sses"))
        {
            return n - 2;
        }

        if (EndsWith(w, n, "ied") || EndsWith(w, n, "ies"))
        {
            return n > 4 ? n - 2 : n - 1;
        }

        if (EndsWith(w, n, "us") || EndsWith(w, n, "ss"))
        {
            return n;
        }

        if (EndsWith(w, n, "s") && n >= 3 && ContainsVowel(w[..(n - 2)]))
        {
            return n - 1;
        }

        return n;
    }

    private static int Step1B(Span<char> w, int n, int r1)
    {
        if (EndsWith(w, n, "eedly") || EndsWith(w, n, "eed"))
        {
            var suffixLength = EndsWith(w, n, "eedly") ? 5 : 3;
            return n - suffixLength >= r1 ? n - suffixLength + 2 : n;
        }

        var removed = 0;
        foreach (var suffix in (ReadOnlySpan<string>)["ingly", "edly", "ing", "ed"])
        {
            if (EndsWith(w, n, suffix))
            {
                removed = suffix.Length;
                break;
            }
        }

        if (removed == 0 || !ContainsVowel(w[..(n - removed)]))
        {
            return n;
        }

        n -= removed;
        if (EndsWith(w, n, "at") || EndsWith(w, n, "bl") || EndsWith(w, n, "iz"))
        {
            w[n] = 'e';
            return n + 1;
        }

        if (n >= 2 && w[n - 1] == w[n - 2] && w[n - 1] is 'b' or 'd' or 'f' or 'g' or 'm' or 'n' or 'p' or 'r' or 't')
        {
            // "add", "egg", "off": a lone a/e/o before the double keeps it.
            return n == 3 && w[0] is 'a' or 'e' or 'o' ? n : n - 1;
        }

        if (r1 == n && EndsWithShortSyllable(w, n))
        {
            w[n] = 'e';
            return n + 1;
        }

        return n;
    }

    private static int Step1C(Span<char> w, int n)
    {
        if (n > 2 && w[n - 1] is 'y' or 'Y' && !IsVowel(w[n - 2]))
        {
            w[n - 1] = 'i';
        }

        return n;
    }

    private static int Step2(Span<char> w, int n, int r1)
    {
        foreach (var (suffix, replacement) in Step2Rules)
        {
            if (!EndsWith(w, n, suffix))
            {
                continue;
            }

            var start = n - suffix.Length;
            if (start < r1)
            {
                return n;
            }

            return suffix switch
            {
                "ogi" => start > 0 && w[start - 1] == 'l' ? Replace(w, n, suffix, replacement) : n,
                "li" => start > 0 && w[start - 1] is 'c' or 'd' or 'e' or 'g' or 'h' or 'k' or 'm' or 'n' or 'r' or 't'
                    ? start
                    : n,
                _ => Replace(w, n, suffix, replacement),
            };
        }

        return n;
    }

    private static int Step3(Span<char> w, int n, int r1, int r2)
    {
        foreach (var (suffix, replacement) in Step3Rules)
        {
            if (!EndsWith(w, n, suffix))
            {
                continue;
            }

            var start = n - suffix.Length;
            var region = suffix == "ative" ? r2 : r1;
            return start >= region ? Replace(w, n, suffix, replacement) : n;
        }

        return n;
    }

    private static int Step4(Span<char> w, int n, int r2)
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!EndsWith(w, n, suffix))
            {
                continue;
            }

            var start = n - suffix.Length;
            if (start < r2)
            {
                return n;
            }

            if (suffix == "ion")
            {
                return start > 0 && w[start - 1] is 's' or 't' ? start : n;
            }

            return start;
        }

        return n;
    }

    private static int Step5(Span<char> w, int n, int r1, int r2)
    {
        if (w[n - 1] == 'e')
        {
            var start = n - 1;
            if (start >= r2 || (start >= r1 && !EndsWithShortSyllable(w, start)))
            {
                return start;
            }
        }
        else if (w[n - 1] == 'l' && n - 1 >= r2 && n >= 2 && w[n - 2] == 'l')
        {
            return n - 1;
        }

        return n;
    }
}
