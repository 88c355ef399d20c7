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

    /// <summary>Leads shown on one page of the register card (kept short enough to read on a phone).</summary>
    public int PageSize { get; init; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PageSize is < 1 or > 25)
        {
            yield return new($"{Section}:{nameof(PageSize)} must be between 1 and 25.", [nameof(PageSize)]);
        }
    }
}
