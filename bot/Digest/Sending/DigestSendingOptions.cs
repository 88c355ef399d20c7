using System.ComponentModel.DataAnnotations;

namespace LearningBot.Digest.Sending;

/// <summary>Settings of the digest's sending job (section <see cref="Section"/>).</summary>
public sealed record DigestSendingOptions : IValidatableObject
{
    public const string Section = "Digest:Sending";

    /// <summary>How often each instance looks for scheduled editions that are due. Zero turns the job off (tests run it themselves).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after an edition was claimed a sweep takes over the rest of its sending (a crash between the claim and the start).</summary>
    public TimeSpan TakeOverAfter { get; init; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CheckInterval < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(CheckInterval)} must not be negative.", [nameof(CheckInterval)]);
        }

        if (TakeOverAfter < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(TakeOverAfter)} must not be negative.", [nameof(TakeOverAfter)]);
        }
    }
}
