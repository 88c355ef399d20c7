namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// Index terms (stems and concept terms) with stable ids, and the folded surface words behind them with
/// their one-deletion neighbourhoods, for typo correction. Immutable: adding words returns a new instance,
/// so a published snapshot never changes under a reader.
/// </summary>
internal sealed class Vocabulary
{
    private const int MinimumSurfaceLength = 4;

    private readonly Dictionary<string, int> _termIds;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly string[] _terms;
    private readonly Dictionary<string, int> _surfaceIds;
    private readonly string[] _surfaces;
    private readonly int[] _surfaceTerms;
    private readonly Dictionary<string, int[]> _deletions;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _deletionLookup;

    public static Vocabulary Empty { get; } =
        new(new Dictionary<string, int>(StringComparer.Ordinal), [], new Dictionary<string, int>(StringComparer.Ordinal), [], []);

    private Vocabulary(
        Dictionary<string, int> termIds,
        string[] terms,
        Dictionary<string, int> surfaceIds,
        string[] surfaces,
        int[] surfaceTerms,
        Dictionary<string, int[]>? deletions = null)
    {
        _termIds = termIds;
        _terms = terms;
        _surfaceIds = surfaceIds;
        _surfaces = surfaces;
        _surfaceTerms = surfaceTerms;
        _deletions = deletions ?? BuildDeletions(surfaces);
        _termLookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _deletionLookup = _deletions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int TermCount => _terms.Length;

    public string Term(int id) => _terms[id];

    public bool TryGetTerm(ReadOnlySpan<char> term, out int id) => _termLookup.TryGetValue(term, out id);

    public bool ContainsTerm(string term) => _termIds.ContainsKey(term);

    public bool ContainsSurface(string surface) => _surfaceIds.ContainsKey(surface);

    /// <summary>Returns this vocabulary, or a copy extended with the terms and surface words it lacks.</summary>
    public Vocabulary With(IEnumerable<string> terms, IEnumerable<KeyValuePair<string, string>> surfaceToTerm)
    {
        var newTerms = terms.Where(t => !_termIds.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        var newSurfaces = surfaceToTerm
            .Where(s => s.Key.Length >= MinimumSurfaceLength && !_surfaceIds.ContainsKey(s.Key))
            .DistinctBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
        if (newTerms.Count == 0 && newSurfaces.Count == 0)
        {
            return this;
        }

        var termIds = new Dictionary<string, int>(_termIds, StringComparer.Ordinal);
        var allTerms = new List<string>(_terms);
        foreach (var term in newTerms)
        {
            termIds[term] = allTerms.Count;
            allTerms.Add(term);
        }

        var surfaceIds = new Dictionary<string, int>(_surfaceIds, StringComparer.Ordinal);
        var surfaces = new List<string>(_surfaces);
        var surfaceTerms = new List<int>(_surfaceTerms);
        foreach (var (surface, term) in newSurfaces)
        {
            surfaceIds[surface] = surfaces.Count;
            surfaces.Add(surface);
            surfaceTerms.Add(termIds[term]);
        }

        var deletions = newSurfaces.Count == 0 ? _deletions : ExtendDeletions(_deletions, surfaces, _surfaces.Length);
        return new Vocabulary(termIds, [.. allTerms], surfaceIds, [.. surfaces], [.. surfaceTerms], deletions);
    }

    /// <summary>
    /// Finds the term of the surface word one edit (insertion, deletion, substitution or adjacent transposition)
    /// away from <paramref name="word"/>, preferring the commonest; the first letter must survive (or be swapped).
    /// </summary>
    public int CorrectTypo(ReadOnlySpan<char> word, Posting[][] postings) => CorrectTypo(word, postings, out _);

    /// <summary>As <see cref="CorrectTypo(ReadOnlySpan{char}, Posting[][])"/>, also giving the surface word chosen (null when none).</summary>
    public int CorrectTypo(ReadOnlySpan<char> word, Posting[][] postings, out string? surface)
    {
        var best = -1;
        var bestSurface = -1;
        var bestFrequency = 0;
        Consider(word, word, postings, ref best, ref bestSurface, ref bestFrequency);
        Span<char> deleted = stackalloc char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            word[..i].CopyTo(deleted);
            word[(i + 1)..].CopyTo(deleted[i..]);
            Consider(deleted[..(word.Length - 1)], word, postings, ref best, ref bestSurface, ref bestFrequency);
        }

        surface = bestSurface >= 0 ? _surfaces[bestSurface] : null;
        return best;
    }

    private void Consider(ReadOnlySpan<char> key, ReadOnlySpan<char> word, Posting[][] postings, ref int best, ref int bestSurface, ref int bestFrequency)
    {
        if (!_deletionLookup.TryGetValue(key, out var candidates))
        {
            return;
        }

        foreach (var surfaceId in candidates)
        {
            var surface = _surfaces[surfaceId];
            if (!KeepsFirstLetter(word, surface) || !EditDistance.IsAtMostOne(word, surface))
            {
                continue;
            }

            var term = _surfaceTerms[surfaceId];
            var frequency = term < postings.Length ? postings[term].Length : 0;
            if (frequency > bestFrequency)
            {
                best = term;
                bestSurface = surfaceId;
                bestFrequency = frequency;
            }
        }
    }

    private static bool KeepsFirstLetter(ReadOnlySpan<char> word, string candidate) =>
        word[0] == candidate[0] || (word.Length > 1 && candidate.Length > 1 && word[0] == candidate[1] && word[1] == candidate[0]);

    private static Dictionary<string, int[]> BuildDeletions(string[] surfaces) =>
        ExtendDeletions(new Dictionary<string, int[]>(StringComparer.Ordinal), surfaces, 0);

    private static Dictionary<string, int[]> ExtendDeletions(Dictionary<string, int[]> existing, IReadOnlyList<string> surfaces, int from)
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var id = from; id < surfaces.Count; id++)
        {
            var surface = surfaces[id];
            AddKey(lists, surface, id);
            for (var i = 0; i < surface.Length; i++)
            {
                AddKey(lists, string.Concat(surface.AsSpan(0, i), surface.AsSpan(i + 1)), id);
            }
        }

        var result = new Dictionary<string, int[]>(existing, StringComparer.Ordinal);
        foreach (var (key, ids) in lists)
        {
            result[key] = result.TryGetValue(key, out var old) ? [.. old, .. ids] : [.. ids];
        }

        return result;
    }

    private static void AddKey(Dictionary<string, List<int>> lists, string key, int id)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        if (list.Count == 0 || list[^1] != id)
        {
            list.Add(id);
        }
    }
}
