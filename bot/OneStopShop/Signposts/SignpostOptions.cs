using System.ComponentModel.DataAnnotations;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>
/// How questions that are not about learning are recognised (section <c>OneStopShop:Signposts</c>); the signposts
/// themselves are <c>signposts.json</c> in the knowledge folder, which the L&amp;D team edit.
/// </summary>
public sealed record SignpostOptions : IValidatableObject
{
    public const string Section = "OneStopShop:Signposts";

    /// <summary>Off: every question goes to the articles, as before signposts.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Similarity to a signpost's closest example below which meaning alone never signposts. Measured with ArcticXs on
    /// tests/LearningBot.Tests/OneStopShop/Answers/signpost-questions.json.
    /// </summary>
    public double MeaningFloor { get; init; } = 0.62;

    /// <summary>By how much the closest example must beat the closest article for meaning alone to signpost.</summary>
    public double MeaningMargin { get; init; } = 0.05;

    /// <summary>An article answer at least this confident keeps the question even when a trigger word matched.</summary>
    public double ArticleConfidenceOverTrigger { get; init; } = 0.6;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, double Value)[] shares =
            [(nameof(MeaningFloor), MeaningFloor), (nameof(MeaningMargin), MeaningMargin), (nameof(ArticleConfidenceOverTrigger), ArticleConfidenceOverTrigger)];
        foreach (var share in shares.Where(s => s.Value is not (>= 0 and <= 1)))
        {
            yield return new($"{Section}:{share.Name} must be between 0 and 1.", [share.Name]);
        }
    }
}
