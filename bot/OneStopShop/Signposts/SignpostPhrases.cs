using System.Text.RegularExpressions;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>
/// Whole-word phrases looked for in a question, case and apostrophes ignored ("can't" is "cant"); a word ending in
/// <c>*</c> matches any word it starts ("bull*" finds "bullying"). A few hundred short phrases against a question of a
/// few dozen words: microseconds.
/// </summary>
public sealed partial class SignpostPhrases
{
    private readonly string[][] _phrases;

    public SignpostPhrases(IEnumerable<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        _phrases = [.. phrases.Select(Words).Where(words => words.Length > 0)];
    }

    public int Count => _phrases.Length;

    /// <summary>The first phrase found in <paramref name="words"/> (from <see cref="Words"/>), as written, or null.</summary>
    public string? FirstIn(string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        foreach (var phrase in _phrases)
        {
            for (var start = 0; start + phrase.Length <= words.Length; start++)
            {
                if (MatchesAt(phrase, words, start))
                {
                    return string.Join(' ', phrase);
                }
            }
        }

        return null;
    }

    /// <summary><paramref name="words"/> with every word of each phrase found blanked out; the same array when none is found.</summary>
    public string[] Without(string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var kept = words;
        foreach (var phrase in _phrases)
        {
            for (var start = 0; start + phrase.Length <= words.Length; start++)
            {
                if (MatchesAt(phrase, words, start))
                {
                    kept = ReferenceEquals(kept, words) ? [.. words] : kept;
                    Array.Fill(kept, string.Empty, start, phrase.Length);
                }
            }
        }

        return kept;
    }

    /// <summary>The text's words, lower case, apostrophes dropped, hyphenated words kept whole ("e-learning").</summary>
    public static string[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = text.ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal).Replace("\u2019", string.Empty, StringComparison.Ordinal);
        return [.. Word().Matches(plain).Select(m => m.Value)];
    }

    private static bool MatchesAt(string[] phrase, string[] words, int start)
    {
        for (var i = 0; i < phrase.Length; i++)
        {
            var wanted = phrase[i];
            var word = words[start + i];
            var matches = wanted.EndsWith('*')
                ? word.StartsWith(wanted.AsSpan(0, wanted.Length - 1), StringComparison.Ordinal)
                : word == wanted;
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"[a-z0-9]+(?:-[a-z0-9]+)*\*?")]
    private static partial Regex Word();
}
