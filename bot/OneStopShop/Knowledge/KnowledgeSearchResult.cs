namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The ranked articles for a question, with the evidence behind the confidence in the best one.
/// </summary>
/// <param name="Hits">Best first, at most the number asked for.</param>
/// <param name="Confidence">How sure the index is that the first hit answers the question, in [0, 1].</param>
/// <param name="Coverage">Share of the question's meaningful words (weighted by rarity) found in the first hit.</param>
/// <param name="Margin">How far the first hit's score is ahead of the runner-up, relative to the first, in [0, 1].</param>
/// <param name="FieldMatch">Share of the question's words (weighted by rarity) found in the first hit's title or tags.</param>
/// <param name="MatchedTerms">The words of the question, as typed, that the first hit matched.</param>
public sealed record KnowledgeSearchResult(
    IReadOnlyList<ArticleHit> Hits,
    double Confidence,
    double Coverage,
    double Margin,
    double FieldMatch,
    IReadOnlyList<string> MatchedTerms)
{
    public static KnowledgeSearchResult None { get; } = new([], 0, 0, 0, 0, []);

    /// <summary>Rarity-weighted mass of the question's words found in the first hit, relative to the rarest possible word.</summary>
    public double Evidence { get; init; }

    /// <summary>Rarity-weighted mass of the question's words found in the first hit's title or tags, relative to the rarest possible word.</summary>
    public double TitleEvidence { get; init; }

    public ArticleHit? Best => Hits.Count > 0 ? Hits[0] : null;
}
