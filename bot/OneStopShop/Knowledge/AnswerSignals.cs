namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The evidence behind a blended answer's confidence, for the best-ranked article: how close it is in meaning (as
/// ranked, and its head, closest passage and closest phrasing on their own), how far it leads the runner-up, and what the
/// words' ranking thought of it.
/// </summary>
/// <param name="Similarity">The best article's similarity as ranked (head raised by passages and phrasings).</param>
/// <param name="SimilarityGap">How far that similarity is above the runner-up's.</param>
/// <param name="ScoreGap">How far the best blended score is above the runner-up's.</param>
/// <param name="Head">Similarity to the best article's head alone (title, tags, summary).</param>
/// <param name="Passage">Similarity to its closest passage; 0 without passages.</param>
/// <param name="Phrasing">Similarity to its closest "asked as" phrasing; 0 without phrasings.</param>
/// <param name="LexicalConfidence">The words' confidence in their own first article.</param>
/// <param name="LexicalShare">The best article's words' score relative to the words' first (1 when they agree, 0 when the words did not find it).</param>
/// <param name="Agree">Whether the words' first article is the blend's.</param>
/// <param name="Coverage">Share of the question's meaningful words (weighted by rarity) in the words' first article.</param>
/// <param name="Words">How many words the question has.</param>
/// <param name="Cues">How many admin or logistics cues (<see cref="AnswerOptions.OutOfScopePattern"/>) it holds, at most two.</param>
/// <param name="Blend">The fixed blend's confidence: the words' confidence when they agree, and the similarity between
/// <see cref="HybridOptions.SimilarityFloor"/> and <see cref="HybridOptions.SimilarityCeiling"/>, each cut by the cues.</param>
/// <param name="Baseline">The question's mean head similarity over every article: how close it sits to an article it is
/// not about. A long question that says many things sits closer to everything.</param>
public sealed record AnswerSignals(
    double Similarity,
    double SimilarityGap,
    double ScoreGap,
    double Head,
    double Passage,
    double Phrasing,
    double LexicalConfidence,
    double LexicalShare,
    bool Agree,
    double Coverage,
    int Words,
    int Cues,
    double Blend,
    double Baseline = 0);
