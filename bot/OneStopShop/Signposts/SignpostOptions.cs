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

    /// <summary>
    /// How much <see cref="MeaningFloor"/> rises for each word a question has beyond <see cref="MeaningFloorRiseFrom"/>. A
    /// long question sits closer to everything: on the training questions, its mean similarity to every article rises by
    /// about 0.0022 a word, and a rambling one about the canteen came as close to a signpost's example as short ones that
    /// belong there. The floor was fitted on questions of up to about 15 words.
    /// </summary>
    public double MeaningFloorRisePerWord { get; init; } = 0.0022;

    /// <summary>The question length, in words, from which <see cref="MeaningFloor"/> rises.</summary>
    public int MeaningFloorRiseFrom { get; init; } = 15;

    /// <summary>By how much the closest example must beat the closest article for meaning alone to signpost.</summary>
    public double MeaningMargin { get; init; } = 0.05;

    /// <summary>An article answer at least this confident keeps the question even when a trigger word matched.</summary>
    public double ArticleConfidenceOverTrigger { get; init; } = 0.6;

    /// <summary>The least similarity at which meaning alone signposts a question of <paramref name="words"/> words.</summary>
    public double MeaningFloorFor(int words) => MeaningFloor + (MeaningFloorRisePerWord * Math.Max(0, words - MeaningFloorRiseFrom));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, double Value)[] shares =
            [(nameof(MeaningFloor), MeaningFloor), (nameof(MeaningMargin), MeaningMargin), (nameof(ArticleConfidenceOverTrigger), ArticleConfidenceOverTrigger)];
        foreach (var share in shares.Where(s => s.Value is not (>= 0 and <= 1)))
        {
            yield return new($"{Section}:{share.Name} must be between 0 and 1.", [share.Name]);
        }

        if (MeaningFloorRisePerWord is not (>= 0 and <= 0.05))
        {
            yield return new($"{Section}:{nameof(MeaningFloorRisePerWord)} must be between 0 and 0.05.", [nameof(MeaningFloorRisePerWord)]);
        }

        if (MeaningFloorRiseFrom < 1)
        {
            yield return new($"{Section}:{nameof(MeaningFloorRiseFrom)} must be at least 1.", [nameof(MeaningFloorRiseFrom)]);
        }
    }
}
