namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// Groups of words and phrases that mean the same thing in this sector (LNA, TNA, learning needs analysis…).
/// The file holds one group per line, comma-separated; the first entry names the group; <c>#</c> starts a comment.
/// </summary>
public sealed class SynonymTable
{
    private SynonymTable(IReadOnlyList<IReadOnlyList<string>> groups) => Groups = groups;

    public static SynonymTable Empty { get; } = new([]);

    /// <summary>Each group's entries as written, the first being its label.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    public static SynonymTable Load(string path) => Parse(File.ReadAllText(path), path);

    public static SynonymTable Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new List<IReadOnlyList<string>>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var entries = line.Split(',', StringSplitOptions.TrimEntries);
            if (entries.Length < 2 || entries.Any(e => e.Length == 0))
            {
                throw new KnowledgeLoadException(sourceName, i + 1, "a synonym group needs two or more non-empty entries separated by commas");
            }

            groups.Add(entries);
        }

        return new SynonymTable(groups);
    }

    /// <summary>Builds a table from groups given in code (first entry of each is its label).</summary>
    public static SynonymTable FromGroups(IEnumerable<IReadOnlyList<string>> groups) => new(groups.ToList());
}
