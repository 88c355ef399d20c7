using System.ComponentModel.DataAnnotations;

namespace LearningBot.Connector.Hosting;

/// <summary>Limits of the messaging endpoint, bound from the <c>BotHosting</c> section.</summary>
public sealed record BotHostingOptions : IValidatableObject
{
    public const string Section = "BotHosting";

    /// <summary>Largest activity accepted. Teams messages stay under about 100 KB; card submissions are smaller.</summary>
    public long MaxActivityBytes { get; init; } = 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxActivityBytes < 1024)
        {
            yield return new($"{Section}:{nameof(MaxActivityBytes)} must be at least 1024 (1 KB).", [nameof(MaxActivityBytes)]);
        }
    }
}
