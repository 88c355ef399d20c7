using System.ComponentModel.DataAnnotations;

namespace LearningBot.People;

/// <summary>Bound from the <c>People</c> section.</summary>
public sealed record PeopleOptions : IValidatableObject
{
    public const string Section = "People";
    public const string DefaultSeedFile = "people/people.csv";

    public PeopleSource Source { get; init; } = PeopleSource.Directory;

    /// <summary>
    /// CSV seed, relative to the content root (or the app folder). Unset: <see cref="DefaultSeedFile"/> with the
    /// <c>Directory</c> source and no seed with <c>Graph</c>, so production never loads the sample people by accident.
    /// An empty string turns seeding off.
    /// </summary>
    public string? SeedFile { get; init; }

    public string TableName { get; init; } = "People";

    /// <summary>
    /// How long an instance remembers a person it looked up in the table (found or not): every question asked reads the
    /// asker's organisation. Changes made on the same instance show at once; another instance's, within this time.
    /// Zero turns the memory off.
    /// </summary>
    public TimeSpan LookupCacheDuration { get; init; } = TimeSpan.FromMinutes(1);

    public GraphPeopleOptions Graph { get; init; } = new();

    public string? EffectiveSeedFile => SeedFile ?? (Source == PeopleSource.Directory ? DefaultSeedFile : null);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Source))
        {
            yield return new($"{Section}:{nameof(Source)} must be one of {string.Join(", ", Enum.GetNames<PeopleSource>())}.", [nameof(Source)]);
        }

        if (string.IsNullOrEmpty(TableName) || !char.IsAsciiLetter(TableName[0]) || !TableName.All(char.IsAsciiLetterOrDigit))
        {
            yield return new($"{Section}:{nameof(TableName)} must be letters and digits, starting with a letter.", [nameof(TableName)]);
        }

        if (LookupCacheDuration < TimeSpan.Zero || LookupCacheDuration > TimeSpan.FromHours(1))
        {
            yield return new($"{Section}:{nameof(LookupCacheDuration)} must be between 00:00:00 and 01:00:00.", [nameof(LookupCacheDuration)]);
        }

        foreach (var problem in Graph.Validate($"{Section}:{nameof(Graph)}"))
        {
            yield return problem;
        }
    }
}
