using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The acronyms a synonym table spells out: a one-word entry whose letters are the initials of another entry of its
/// group ("cpd" and "continuing professional development"; joining words such as "and" or "of" may be skipped, so
/// "ksf" is "knowledge and skills framework" and "l&amp;d" "learning and development"). Nothing is listed by hand.
/// </summary>
internal sealed class AcronymTable
{
    private const int MaxAcronymLength = 6;

    private readonly Dictionary<string, string> _insertions;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private AcronymTable(Dictionary<string, string> insertions)
    {
        _insertions = insertions;
        _lookup = insertions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _insertions.Count;

    public static AcronymTable From(SynonymTable synonyms)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        var insertions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in synonyms.Groups)
        {
            foreach (var entry in group)
            {
                var acronym = entry.ToLowerInvariant();
                if (!IsAcronymShaped(acronym) || insertions.ContainsKey(acronym))
                {
                    continue;
                }

                var letters = acronym.Replace("&", string.Empty, StringComparison.Ordinal);
                var expansion = group.FirstOrDefault(other => !ReferenceEquals(other, entry) && SpellsOut(letters, other));
                if (expansion is not null)
                {
                    insertions[acronym] = $" ({expansion.ToLowerInvariant()})";
                }
            }
        }

        return new AcronymTable(insertions);
    }

    /// <summary>What follows the acronym (its lower-case surface) when it is spelled out: " (its expansion)"; null when not an acronym.</summary>
    public string? InsertionAfter(ReadOnlySpan<char> acronym) => _lookup.TryGetValue(acronym, out var insertion) ? insertion : null;

    private static bool IsAcronymShaped(string entry) =>
        entry.Length is >= 2 and <= MaxAcronymLength && entry.All(c => char.IsLetter(c) || c == '&') && char.IsLetter(entry[0]);

    /// <summary>Whether the initials of <paramref name="phrase"/>'s words, all of them or all but the joining words, are <paramref name="letters"/>.</summary>
    private static bool SpellsOut(string letters, string phrase)
    {
        var words = phrase.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words.Any(w => w.Length < 2))
        {
            return false;
        }

        var all = string.Concat(words.Select(w => w[0]));
        var content = string.Concat(words.Where(w => !StopWords.Contains(w) && w != "&").Select(w => w[0]));
        return all == letters || content == letters;
    }
}
