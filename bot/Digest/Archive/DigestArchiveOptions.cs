using System.ComponentModel.DataAnnotations;

namespace LearningBot.Digest.Archive;

/// <summary>Settings for the archive of sent editions, its search and the one-stop shop's "In the newsletter" (section <c>DigestArchive</c>).</summary>
public sealed record DigestArchiveOptions : IValidatableObject
{
    public const string Section = "DigestArchive";

    /// <summary>
    /// How old an instance's copy of the sent editions may be before the next look at the archive checks the table again
    /// (a cheap read of numbers and versions; the editions themselves are read only when that changed). An edition sent on
    /// another instance is found within this time. Zero: check on every look.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How sure the search must be (the one-stop shop's confidence, 0 to 1) before an answer shows "In the newsletter".</summary>
    public double AnswerThreshold { get; init; } = 0.55;

    /// <summary>How sure it must be before the "not sure" card shows "The newsletter mentioned this": higher, as there is no answer beside it.</summary>
    public double NotSureThreshold { get; init; } = 0.65;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RefreshInterval < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(RefreshInterval)} must not be negative.", [nameof(RefreshInterval)]);
        }

        if (AnswerThreshold is < 0 or > 1)
        {
            yield return new($"{Section}:{nameof(AnswerThreshold)} must be between 0 and 1.", [nameof(AnswerThreshold)]);
        }

        if (NotSureThreshold is < 0 or > 1)
        {
            yield return new($"{Section}:{nameof(NotSureThreshold)} must be between 0 and 1.", [nameof(NotSureThreshold)]);
        }
    }
}
