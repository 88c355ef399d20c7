namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// A blended answer's confidence as a logistic model over its <see cref="AnswerSignals"/>: the fixed blend's
/// confidence (words and meaning, cut by admin cues) and how far the best article leads the runner-up, in meaning and in
/// the blended score. It is the probability that the best-ranked article is the right one. Fitted on the training
/// questions only, with cross-validation, by <c>bench/accuracy.sh ArcticXs --fit-confidence</c>; opt-in
/// (<see cref="HybridOptions.Confidence"/>), since the held-out sets did not confirm it (bench/README.md).
/// </summary>
public sealed record ConfidenceModel
{
    /// <summary>The coefficients fitted for ArcticXs, to be used with a threshold of 0.53 (bench/README.md).</summary>
    public static ConfidenceModel Fitted { get; } = new() { Intercept = -2.539, Blend = 11.504, SimilarityGap = 6.283, ScoreGap = 14.203 };

    public double Intercept { get; init; }

    public double Blend { get; init; }

    public double SimilarityGap { get; init; }

    public double ScoreGap { get; init; }

    /// <summary>The probability, in (0, 1), that the best-ranked article answers the question.</summary>
    public double Probability(AnswerSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var logit = Intercept + (Blend * signals.Blend) + (SimilarityGap * signals.SimilarityGap) + (ScoreGap * signals.ScoreGap);
        return 1 / (1 + Math.Exp(-logit));
    }
}
