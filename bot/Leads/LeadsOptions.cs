using System.ComponentModel.DataAnnotations;

namespace LearningBot.Leads;

/// <summary>Settings of the register of leads (section <c>Leads</c>).</summary>
public sealed record LeadsOptions : IValidatableObject
{
    public const string Section = "Leads";

    /// <summary>
    /// The who's-who file the register is seeded from at start, relative to the content root (or the app folder); an
    /// empty string turns seeding off. Only leads with a <c>personKey</c> and <c>specialties</c> are seeded.
    /// </summary>
    public string SeedFile { get; init; } = "knowledge/whos-who.json";

    /// <summary>
    /// Leads shown on one page of the register card (kept short enough to read on a phone); at most
    /// <see cref="MaxPageSize"/>, which keeps the card under Teams' 28 KB with every field of every lead full.
    /// </summary>
    public int PageSize { get; init; } = 10;

    public const int MaxPageSize = 15;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PageSize is < 1 or > MaxPageSize)
        {
            yield return new($"{Section}:{nameof(PageSize)} must be between 1 and {MaxPageSize}.", [nameof(PageSize)]);
        }
    }
}
