namespace LearningBot.Connector.Hosting;

/// <summary>
/// The command table read loosely, for a message that is not a command as typed. In order: a looser reading of it
/// (<see cref="CommandPhrasing"/>) that is a command but for <c>a</c>, <c>the</c> or <c>some</c>, or but for one slip
/// of the keyboard (a letter left out, added, changed or two neighbours swapped, after the first) in one word of four
/// letters or more that no capability knows as a word (<see cref="IKnownWords"/>), when only one command is that
/// close; then, if the message is not a command and its argument as typed, a reading that starts with a command that
/// takes an argument; last, a reading with its closing clause taken off, matched the same two ways. Two commands that
/// read the same loosely are left to be typed exactly. Made from the table when the first message needs it.
/// </summary>
internal sealed class LooseCommands
{
    private const int ShortestWordWithTypo = 4;

    /// <summary>Null where two routes share a skeleton.</summary>
    private readonly Dictionary<string, Routed<CommandHandler>?> _bySkeleton = new(StringComparer.Ordinal);
    private readonly List<(string[] Words, Routed<CommandHandler> Routed)> _skeletons = [];
    private readonly List<(string[] Words, Routed<CommandHandler> Routed)> _withArgument;
    private readonly HashSet<string> _vocabulary = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<IKnownWords> _knownWords;

    public LooseCommands(
        IEnumerable<KeyValuePair<string, Routed<CommandHandler>>> commands,
        IEnumerable<(string Prefix, Routed<CommandHandler> Routed)> withArgument,
        IReadOnlyList<IKnownWords> knownWords)
    {
        _knownWords = knownWords;
        foreach (var (key, routed) in commands)
        {
            var words = CommandPhrasing.Words(key);
            _vocabulary.UnionWith(words);
            var skeleton = CommandPhrasing.Skeleton(words);
            if (skeleton.Length == 0)
            {
                continue;
            }

            if (_bySkeleton.TryGetValue(skeleton, out var existing))
            {
                if (existing is { } other && !ReferenceEquals(other.Route, routed.Route))
                {
                    _bySkeleton[skeleton] = null;
                }

                continue;
            }

            _bySkeleton[skeleton] = routed;
            _skeletons.Add((skeleton.Split(' '), routed));
        }

        _withArgument = [.. withArgument.Select(pair => (CommandPhrasing.Words(pair.Prefix), pair.Routed)).OrderByDescending(pair => pair.Item1.Length)];
    }

    /// <summary>
    /// A looser reading of the message (<paramref name="readings"/>) that is a command but for its determiners, else one slip away from
    /// one: tried before a command's argument, so "digest archve" is <c>digest archive</c>, not edition "archve".
    /// </summary>
    public bool TryFindReading(IReadOnlyList<Reading> readings, out Routed<CommandHandler> found)
    {
        foreach (var reading in readings.Where(reading => !reading.Cut))
        {
            if (Exact(reading.Words) is { } routed)
            {
                found = routed;
                return true;
            }
        }

        foreach (var reading in readings.Where(reading => !reading.Cut))
        {
            if (OneSlipAway(reading.Words) is { } routed)
            {
                found = routed;
                return true;
            }
        }

        found = default;
        return false;
    }

    /// <summary>
    /// Looser still, once the text is neither a command nor a command and its argument as typed: a reading that starts
    /// with a command that takes an argument (the rest is the argument: <paramref name="argument"/> gives its first word
    /// in the message and how many words it has, so that it can be taken as typed), or a reading without its closing
    /// clause that is a command or one slip away from one.
    /// </summary>
    public bool TryFindLooser(IReadOnlyList<Reading> readings, out Routed<CommandHandler> found, out (int First, int Count) argument)
    {
        argument = default;
        foreach (var reading in readings.Where(reading => !reading.Cut && !reading.AsItStands))
        {
            if (WithArgument(reading, out found, out argument))
            {
                return true;
            }
        }

        foreach (var reading in readings.Where(reading => reading.Cut))
        {
            if (Exact(reading.Words) is { } routed)
            {
                found = routed;
                return true;
            }
        }

        foreach (var reading in readings.Where(reading => reading.Cut))
        {
            if (OneSlipAway(reading.Words) is { } routed)
            {
                found = routed;
                return true;
            }
        }

        found = default;
        return false;
    }

    private Routed<CommandHandler>? Exact(string[] words) =>
        _bySkeleton.TryGetValue(CommandPhrasing.Skeleton(words), out var routed) ? routed : null;

    private bool WithArgument(Reading reading, out Routed<CommandHandler> found, out (int First, int Count) argument)
    {
        var words = reading.Words;
        var start = words.TakeWhile(CommandPhrasing.IsDeterminer).Count();
        foreach (var (prefix, routed) in _withArgument)
        {
            if (words.Length - start > prefix.Length && prefix.AsSpan().SequenceEqual(words.AsSpan(start, prefix.Length)))
            {
                found = routed;
                argument = (reading.Offset + start + prefix.Length, words.Length - start - prefix.Length);
                return true;
            }
        }

        found = default;
        argument = default;
        return false;
    }

    /// <summary>The one route whose skeleton differs from the reading's in one word, by one slip; null when none or several.</summary>
    private Routed<CommandHandler>? OneSlipAway(string[] words)
    {
        var typed = words.Where(word => !CommandPhrasing.IsDeterminer(word)).ToArray();
        Routed<CommandHandler>? match = null;
        foreach (var (command, routed) in _skeletons)
        {
            if (command.Length != typed.Length || !OneWordSlipped(typed, command) || _bySkeleton[string.Join(' ', command)] is null)
            {
                continue;
            }

            if (match is { } earlier && !ReferenceEquals(earlier.Route, routed.Route))
            {
                return null;
            }

            match = routed;
        }

        return match;
    }

    private bool OneWordSlipped(string[] typed, string[] command)
    {
        var slipped = 0;
        for (var i = 0; i < typed.Length; i++)
        {
            if (typed[i] == command[i])
            {
                continue;
            }

            if (++slipped > 1 || !IsSlip(typed[i], command[i]) || _vocabulary.Contains(typed[i]) || _knownWords.Any(known => known.Knows(typed[i])))
            {
                return false;
            }
        }

        return slipped == 1;
    }

    /// <summary>
    /// One letter left out, added, changed or two neighbours swapped (Damerau distance 1), in a word of four letters or
    /// more, after a first letter typed right; a plural's s is a different word, not a slip.
    /// </summary>
    internal static bool IsSlip(string typed, string word)
    {
        if (typed.Length < ShortestWordWithTypo || word.Length < ShortestWordWithTypo || typed == word || typed[0] != word[0]
            || typed == word + "s" || word == typed + "s")
        {
            return false;
        }

        if (typed.Length == word.Length)
        {
            var first = FirstDifference(typed, word);
            return typed.AsSpan(first + 1).SequenceEqual(word.AsSpan(first + 1))
                || (first + 1 < typed.Length && typed[first] == word[first + 1] && typed[first + 1] == word[first]
                    && typed.AsSpan(first + 2).SequenceEqual(word.AsSpan(first + 2)));
        }

        if (Math.Abs(typed.Length - word.Length) != 1)
        {
            return false;
        }

        var (longer, shorter) = typed.Length > word.Length ? (typed, word) : (word, typed);
        var at = FirstDifference(shorter, longer);
        return longer.AsSpan(at + 1).SequenceEqual(shorter.AsSpan(at));
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}
