using System.Globalization;
using System.Text;

namespace LearningBot.Welcome.SmallTalk;

/// <summary>
/// Tells small talk ("?", "halp", "thanks!", "👍", "bye") from a question. A message is small talk only when every word
/// and emoji in it belongs to a phrase of <see cref="SmallTalkPhrases"/>; one word of anything else makes it a question.
/// </summary>
public static class SmallTalkRecogniser
{
    /// <summary>Longer messages are questions, however they start.</summary>
    private const int MaxLength = 80;

    private const string FillerKind = "filler";

    private static readonly Dictionary<string, string> Phrases = BuildPhrases();
    private static readonly HashSet<string> Vocabulary = [.. Phrases.Keys.SelectMany(phrase => phrase.Split(' '))];
    private static readonly int LongestPhrase = Phrases.Keys.Max(phrase => phrase.Split(' ').Length);

    /// <summary>The kind of small talk <paramref name="text"/> is, or null when it is (or may be) a question.</summary>
    public static SmallTalkKind? Recognise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        var (tokens, asks) = Tokenise(text);
        if (tokens.Count == 0)
        {
            return asks ? SmallTalkKind.HelpSeeking : SmallTalkKind.Acknowledgement;
        }

        if (KindsOf(tokens) is not { } kinds)
        {
            return null;
        }

        var kind = Strongest(kinds);
        // "hello?" and "ok?" are someone wondering what to do next.
        return asks && kind is SmallTalkKind.Greeting or SmallTalkKind.Acknowledgement ? SmallTalkKind.HelpSeeking : kind;
    }

    /// <summary>The kinds of phrase the tokens are made of, longest phrase first; null when any token is not small talk.</summary>
    private static HashSet<SmallTalkKind>? KindsOf(List<string> tokens)
    {
        var kinds = new HashSet<SmallTalkKind>();
        var at = 0;
        while (at < tokens.Count)
        {
            var matched = false;
            for (var length = Math.Min(LongestPhrase, tokens.Count - at); length > 0 && !matched; length--)
            {
                if (Phrases.TryGetValue(string.Join(' ', tokens.GetRange(at, length)), out var kind))
                {
                    if (kind != FillerKind)
                    {
                        kinds.Add(Enum.Parse<SmallTalkKind>(kind));
                    }

                    at += length;
                    matched = true;
                }
            }

            if (!matched)
            {
                return null;
            }
        }

        return kinds;
    }

    /// <summary>"ok thanks" is thanks, "thanks, bye" a goodbye, "hi, what can you do" a request for help.</summary>
    private static SmallTalkKind Strongest(HashSet<SmallTalkKind> kinds) =>
        kinds.Count == 0 ? SmallTalkKind.HelpSeeking
        : new[] { SmallTalkKind.HelpSeeking, SmallTalkKind.Goodbye, SmallTalkKind.Chat, SmallTalkKind.Thanks, SmallTalkKind.Greeting, SmallTalkKind.Acknowledgement }
            .First(kinds.Contains);

    /// <summary>Words (lower case, apostrophes dropped, stretched letters shortened) and emoji (without skin tones or
    /// variation), and whether the message had a question mark.</summary>
    private static (List<string> Tokens, bool Asks) Tokenise(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        var asks = false;
        var elements = StringInfo.GetTextElementEnumerator(text.ToLowerInvariant());
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var first = Rune.GetRuneAt(element, 0);
            if (Rune.IsLetterOrDigit(first))
            {
                word.Append(element);
                continue;
            }

            if (first.Value is '\'' or '\u2019')
            {
                continue;
            }

            EndWord(tokens, word);
            asks |= first.Value is '?' or '\uFF1F';
            if (!Rune.IsWhiteSpace(first) && !Rune.IsPunctuation(first) && Rune.GetUnicodeCategory(first) != UnicodeCategory.ModifierSymbol)
            {
                tokens.Add(first.ToString());
            }
        }

        EndWord(tokens, word);
        return (tokens, asks);
    }

    private static void EndWord(List<string> tokens, StringBuilder word)
    {
        if (word.Length > 0)
        {
            tokens.Add(Known(word.ToString()));
            word.Clear();
        }
    }

    /// <summary>"thanksss", "hiii", "goood": the word as typed if it is known, else with its stretched letters shortened.</summary>
    private static string Known(string word)
    {
        if (Vocabulary.Contains(word))
        {
            return word;
        }

        foreach (var longest in (int[])[2, 1])
        {
            var shortened = Shorten(word, longest);
            if (Vocabulary.Contains(shortened))
            {
                return shortened;
            }
        }

        return word;
    }

    private static string Shorten(string word, int longest)
    {
        var result = new StringBuilder(word.Length);
        var run = 0;
        for (var i = 0; i < word.Length; i++)
        {
            run = i > 0 && word[i] == word[i - 1] ? run + 1 : 1;
            if (run <= longest)
            {
                result.Append(word[i]);
            }
        }

        return result.ToString();
    }

    private static Dictionary<string, string> BuildPhrases()
    {
        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(phrases, SmallTalkPhrases.Filler, FillerKind);
        Add(phrases, SmallTalkPhrases.Acknowledgement, nameof(SmallTalkKind.Acknowledgement));
        Add(phrases, SmallTalkPhrases.Greeting, nameof(SmallTalkKind.Greeting));
        Add(phrases, SmallTalkPhrases.Chat, nameof(SmallTalkKind.Chat));
        Add(phrases, SmallTalkPhrases.Goodbye, nameof(SmallTalkKind.Goodbye));
        Add(phrases, SmallTalkPhrases.Thanks, nameof(SmallTalkKind.Thanks));
        Add(phrases, SmallTalkPhrases.HelpSeeking, nameof(SmallTalkKind.HelpSeeking));
        return phrases;
    }

    /// <summary>A phrase listed under two kinds counts as the later one (help over thanks over greeting and so on).</summary>
    private static void Add(Dictionary<string, string> phrases, IEnumerable<string> list, string kind)
    {
        foreach (var phrase in list)
        {
            phrases[phrase] = kind;
        }
    }
}
