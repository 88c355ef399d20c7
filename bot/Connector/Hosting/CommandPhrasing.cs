using System.Text;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// The looser readings of a message that is not a command as typed, for people who type the way they talk: "5 minute
/// review please", "I'd like to share some good practice", "can you show me the latest digest", "start a review with
/// one of my volunteers". Each reading is the message in plain words (lower case, apostrophes dropped, emoji and
/// punctuation gone) with less of its padding: polite words at either end, one opening verb ("show me", "start", "do"),
/// and, after a verb or when what is left still names a command of two words or more, a closing clause ("… with one of
/// my volunteers"). After "where's" or "where can I find" only a command as it stands will do. A message with a
/// question word in it (what, why, how, who, when, which) has no looser reading: it is a question for the one-stop shop
/// whatever it mentions.
/// </summary>
internal static class CommandPhrasing
{
    /// <summary>Longer messages are questions or stories, not requests.</summary>
    private const int MaxWords = 16;

    private static readonly HashSet<string> QuestionWords =
        new(["what", "whats", "why", "how", "hows", "who", "whos", "whom", "whose", "when", "which"], StringComparer.Ordinal);

    /// <summary>Words that only make a request polite or personal, at the start.</summary>
    private static readonly string[][] Opening = Phrases(
        "please", "pls", "plz", "hi", "hello", "hey", "hiya", "ok", "okay", "so", "um", "erm", "just", "yes",
        "can you", "could you", "would you", "will you", "can u", "could u", "can i", "could i", "may i", "can we",
        "can i have", "could i have", "can i get", "could i get", "can i see", "could i see",
        "id like to", "i would like to", "i want to", "i wanna", "i need to", "id love to", "im trying to", "i am trying to",
        "id like", "i would like", "i want", "i need", "let me", "lets", "help me", "i must", "i have to", "i should");

    /// <summary>Words that only make a request polite, at the end.</summary>
    private static readonly string[][] Closing = Phrases(
        "please", "pls", "plz", "thanks", "thank you", "thx", "ta", "cheers", "for me", "now", "x", "asap", "mate", "then",
        "again", "today");

    /// <summary>What people put before the name of a thing they want done or shown; one is taken off.</summary>
    private static readonly string[][] Verbs = Phrases(
        "show me", "show", "open", "open up", "get me", "get", "give me", "bring up", "pull up", "take me to", "go to",
        "see", "view", "read", "start", "begin", "do", "run", "launch", "new", "write", "print", "find", "send me",
        "look at", "have a look at");

    /// <summary>
    /// "Where's the newsletter" asks for the thing itself: what follows must be a command as it stands, never a command
    /// and its argument or a command and a clause ("where is the good practice exchange" is a question).
    /// </summary>
    private static readonly string[][] Whereabouts = Phrases("where is", "wheres", "where are", "where do i find", "where can i find");

    /// <summary>Words that start a clause saying who or what a request is for.</summary>
    private static readonly HashSet<string> ClauseWords = new(["with", "for", "from", "to"], StringComparer.Ordinal);

    /// <summary>Spellings people use for a word the commands spell another way.</summary>
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        ["practise"] = "practice",
    };

    private static readonly HashSet<string> Determiners = new(["a", "an", "the", "some"], StringComparer.Ordinal);

    /// <summary>
    /// The message in plain words: lower case, apostrophes dropped (<c>I’d</c> is <c>id</c>), and everything but letters,
    /// digits, <c>&amp;</c> and a hyphen between digits a space (<c>five-minute</c> is two words, <c>2026-03</c> one), and
    /// the British "practise" the commands' "practice".
    /// </summary>
    public static string[] Words(string text) => Words(text, out _);

    /// <summary>
    /// <see cref="Words(string)"/>, with where each word stands in <paramref name="text"/> (from its first letter to
    /// after its last), so that what follows a command can be taken as it was typed.
    /// </summary>
    public static string[] Words(string text, out (int Start, int End)[] spans)
    {
        // Lower-casing keeps every character where it was, so a place in the lower-case text is the same place in the text.
        var lower = text.ToLowerInvariant();
        var words = new List<string>();
        var places = new List<(int Start, int End)>();
        var word = new StringBuilder();
        var (start, end) = (0, 0);
        for (var i = 0; i <= lower.Length; i++)
        {
            var c = i < lower.Length ? lower[i] : ' ';
            if (char.IsLetterOrDigit(c) || c == '&'
                || (c == '-' && i > 0 && i + 1 < lower.Length && char.IsDigit(lower[i - 1]) && char.IsDigit(lower[i + 1])))
            {
                start = word.Length == 0 ? i : start;
                end = i + 1;
                word.Append(c);
            }
            else if (c is not ('\'' or '\u2019' or '\u2018') && word.Length > 0)
            {
                var plain = word.ToString();
                words.Add(Spellings.GetValueOrDefault(plain, plain));
                places.Add((start, end));
                word.Clear();
            }
        }

        spans = [.. places];
        return [.. words];
    }

    public static bool IsDeterminer(string word) => Determiners.Contains(word);

    /// <summary>The words without <c>a</c>, <c>an</c>, <c>the</c> and <c>some</c>: how readings and commands are compared.</summary>
    public static string Skeleton(IEnumerable<string> words) => string.Join(' ', words.Where(word => !Determiners.Contains(word)));

    /// <summary>
    /// The looser readings of <paramref name="words"/>, least loose first; none when the message asks something or is too
    /// long to be a request. <see cref="Reading.Cut"/> marks those with a closing clause taken off.
    /// </summary>
    public static IEnumerable<Reading> Readings(string[] words)
    {
        if (words.Length == 0 || words.Length > MaxWords || words.Any(QuestionWords.Contains))
        {
            yield break;
        }

        var end = words.Length;
        while (EndsWith(words, end, Closing) is var closing && closing > 0)
        {
            end -= closing;
        }

        var start = 0;
        yield return new Reading(words[start..end], start, Cut: false);
        while (StartsWith(words, start, end, Opening) is var opening && opening > 0 && start + opening < end)
        {
            start += opening;
            yield return new Reading(words[start..end], start, Cut: false);
        }

        if (StartsWith(words, start, end, Whereabouts) is var where && where > 0 && start + where < end)
        {
            yield return new Reading(words[(start + where)..end], start + where, Cut: false, AsItStands: true);
            yield break;
        }

        var afterVerb = start;
        if (StartsWith(words, start, end, Verbs) is var verb && verb > 0 && start + verb < end)
        {
            afterVerb = start + verb;
            yield return new Reading(words[afterVerb..end], afterVerb, Cut: false);
        }

        // Longest first, so "ask for a review from my manager" is "ask for a review", not "ask".
        for (var cut = end - 1; cut > afterVerb; cut--)
        {
            if (ClauseWords.Contains(words[cut]) && words[afterVerb..cut] is var kept
                && (afterVerb > start || kept.Count(word => !Determiners.Contains(word)) >= 2))
            {
                yield return new Reading(kept, afterVerb, Cut: true);
            }
        }
    }

    private static int StartsWith(string[] words, int start, int end, string[][] phrases)
    {
        var longest = 0;
        foreach (var phrase in phrases)
        {
            if (phrase.Length > longest && phrase.Length <= end - start && phrase.AsSpan().SequenceEqual(words.AsSpan(start, phrase.Length)))
            {
                longest = phrase.Length;
            }
        }

        return longest;
    }

    private static int EndsWith(string[] words, int end, string[][] phrases)
    {
        var longest = 0;
        foreach (var phrase in phrases)
        {
            if (phrase.Length > longest && phrase.Length < end && phrase.AsSpan().SequenceEqual(words.AsSpan(end - phrase.Length, phrase.Length)))
            {
                longest = phrase.Length;
            }
        }

        return longest;
    }

    private static string[][] Phrases(params string[] phrases) => [.. phrases.Select(phrase => phrase.Split(' '))];
}

/// <summary>
/// A looser reading of a message: its words (the first is word <paramref name="Offset"/> of the message), whether a closing
/// clause was taken off, and whether it may only be a command as it stands (no argument after it).
/// </summary>
internal readonly record struct Reading(string[] Words, int Offset, bool Cut, bool AsItStands = false);
