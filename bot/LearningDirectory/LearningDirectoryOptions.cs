using System.ComponentModel.DataAnnotations;

namespace LearningBot.LearningDirectory;

/// <summary>Settings of the learning directory (section <c>LearningDirectory</c>).</summary>
public sealed record LearningDirectoryOptions : IValidatableObject
{
    public const string Section = "LearningDirectory";

    /// <summary>The sample offers, relative to the content root (or the app folder).</summary>
    public string SampleFile { get; init; } = "learning-directory/sample-offers.json";

    /// <summary>Whether the sample offers are loaded into an empty-of-them directory at start (once; never again after that).</summary>
    public bool SeedSample { get; init; } = true;

    /// <summary>
    /// How long the catalogue trusts what it read before asking storage whether anything changed (one small read); an
    /// edit on another instance is seen within this time.
    /// </summary>
    public TimeSpan CatalogueRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Offers shown on one page of the editing list.</summary>
    public int PageSize { get; init; } = 8;

    /// <summary>The largest CSV file accepted for import, in bytes.</summary>
    public int MaxImportBytes { get; init; } = 1_000_000;

    /// <summary>
    /// How often each instance sweeps the sessions not yet announced to the people waiting for a date, and how old a
    /// session's mark must be to be swept (younger ones are still in their own instance's queue). Only a session whose
    /// instance stopped, or whose storage failed, waits this long; the others are told at once.
    /// </summary>
    public TimeSpan AlertSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SeedSample && string.IsNullOrWhiteSpace(SampleFile))
        {
            yield return new($"{Section}:{nameof(SampleFile)} must name a file when {Section}:{nameof(SeedSample)} is on.", [nameof(SampleFile)]);
        }

        if (CatalogueRefresh < TimeSpan.Zero || CatalogueRefresh > TimeSpan.FromMinutes(5))
        {
            yield return new($"{Section}:{nameof(CatalogueRefresh)} must be between 00:00:00 and 00:05:00.", [nameof(CatalogueRefresh)]);
        }

        if (PageSize is < 1 or > 15)
        {
            yield return new($"{Section}:{nameof(PageSize)} must be between 1 and 15.", [nameof(PageSize)]);
        }

        if (MaxImportBytes is < 1_000 or > 4_000_000)
        {
            yield return new($"{Section}:{nameof(MaxImportBytes)} must be between 1000 and 4000000.", [nameof(MaxImportBytes)]);
        }

        if (AlertSweepInterval < TimeSpan.FromSeconds(1) || AlertSweepInterval > TimeSpan.FromHours(1))
        {
            yield return new($"{Section}:{nameof(AlertSweepInterval)} must be between 00:00:01 and 01:00:00.", [nameof(AlertSweepInterval)]);
        }
    }
}
