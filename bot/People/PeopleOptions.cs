namespace LearningBot.People;

public enum PeopleSource
{
    /// <summary>The table-backed directory seeded from the CSV file (local runs, and tenants without Graph access).</summary>
    Directory,

    /// <summary>Microsoft Graph, with the table for people who are not in Entra ID.</summary>
    Graph,
}

/// <summary>Bound from the <c>People</c> section.</summary>
public sealed record PeopleOptions
{
    public const string SectionName = "People";
    public const string DefaultSeedFile = "people/people.csv";

    public PeopleSource Source { get; init; } = PeopleSource.Directory;

    /// <summary>
    /// CSV seed, relative to the content root (or the app folder). Unset: <see cref="DefaultSeedFile"/> with the
    /// <c>Directory</c> source and no seed with <c>Graph</c>, so production never loads the sample people by accident.
    /// An empty string turns seeding off.
    /// </summary>
    public string? SeedFile { get; init; }

    public string TableName { get; init; } = "People";

    public GraphPeopleOptions Graph { get; init; } = new();

    public string? EffectiveSeedFile => SeedFile ?? (Source == PeopleSource.Directory ? DefaultSeedFile : null);
}

public sealed record GraphPeopleOptions
{
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>User-assigned managed identity; unset uses <c>DefaultAzureCredential</c>.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>How long Graph answers are reused; managers open their list often.</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(5);
}
