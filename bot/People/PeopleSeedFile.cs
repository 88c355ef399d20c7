namespace LearningBot.People;

/// <summary>Where the CSV seed lives, resolved once: the content root first, then the app's own folder.</summary>
public sealed class PeopleSeedFile(string? path)
{
    /// <summary>The file's full path, or null when seeding is off.</summary>
    public string? Path { get; } = path;

    public static PeopleSeedFile Resolve(PeopleOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.EffectiveSeedFile))
        {
            return new PeopleSeedFile(null);
        }

        var candidates = new[]
        {
            System.IO.Path.GetFullPath(options.EffectiveSeedFile, contentRoot),
            System.IO.Path.GetFullPath(options.EffectiveSeedFile, AppContext.BaseDirectory),
        };
        return new PeopleSeedFile(candidates.FirstOrDefault(File.Exists) ?? candidates[0]);
    }

    /// <summary>The people in the file; null when seeding is off. A missing or malformed file throws (FileNotFound/Format).</summary>
    public async Task<IReadOnlyList<Person>?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Path is null)
        {
            return null;
        }

        var text = await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false);
        return PeopleCsv.Parse(text);
    }
}
