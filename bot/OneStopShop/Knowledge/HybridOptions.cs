using System.ComponentModel.DataAnnotations;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// Ranking by meaning as well as words (section <c>OneStopShop:Hybrid</c>). Every weight was fitted on the training
/// questions (questions.json) only, with the ArcticXs model, by <c>bench/accuracy.sh ArcticXs --fit</c> (the grid and
/// its numbers are in bench/README.md), and then checked on the held-out sets.
/// </summary>
public sealed record HybridOptions
{
    public const string None = "none";

    /// <summary>
    /// The embedding model: "ArcticXs-8bit" (ArcticXs, chosen over MiniLM by measurement, with 8-bit weights: a quarter of
    /// the CPU per question for the same answers), "ArcticXs" (its float weights), or "none" for words only.
    /// </summary>
    public string Model { get; init; } = SentenceModels.ArcticXsEightBit;

    /// <summary>Share of the words' score (BM25F, relative to the best) in the blended rank; the rest is the cosine similarity.</summary>
    public double LexicalWeight { get; init; } = 0.1;

    /// <summary>
    /// How far the closest passage of an article's body lifts its similarity above its head's (title, tags, summary):
    /// 1 takes the better of the two, 0 ignores the passages.
    /// </summary>
    public double PassageShare { get; init; } = 0.5;

    /// <summary>
    /// How far the closest "asked as" phrasing of an article lifts its similarity above that of its head and passages:
    /// 1 takes the better of the two, 0 ignores the phrasings.
    /// </summary>
    public double PhrasingShare { get; init; } = 1;

    /// <summary>
    /// In a base of more articles than this, only this many closest heads (and the words' candidates) are compared with
    /// their passages and phrasings: on 5,000 articles, every passage would double an answer's time.
    /// </summary>
    public int PassageCandidates { get; init; } = 100;

    /// <summary>How many articles the words' ranking hands over to the blend.</summary>
    public int LexicalCandidates { get; init; } = 10;

    /// <summary>Share of the words' confidence in the blended confidence (it counts only when words and meaning pick the same article).</summary>
    public double LexicalConfidenceShare { get; init; } = 0.3;

    /// <summary>Similarity below which meaning adds nothing to the confidence.</summary>
    public double SimilarityFloor { get; init; } = 0.6;

    /// <summary>Similarity at which meaning adds all it can.</summary>
    public double SimilarityCeiling { get; init; } = 0.9;

    /// <summary>
    /// How much the best article's similarity is discounted, for the confidence only, for each word the question has beyond
    /// <see cref="LengthDiscountFrom"/>: a long question sits closer to every article (about 0.0022 a word on the training
    /// questions). Off (0): at 0.0022 it traded 5 right answers for 5 confident mistakes on the training questions, and 3
    /// for 1 on the held-out staff-words set (bench/README.md, "Long, rambling questions"). Signposts raise their own floor
    /// (<see cref="Signposts.SignpostOptions.MeaningFloorRisePerWord"/>).
    /// </summary>
    public double LengthDiscountPerWord { get; init; }

    /// <summary>The question length, in words, from which <see cref="LengthDiscountPerWord"/> applies.</summary>
    public int LengthDiscountFrom { get; init; } = 15;

    internal double LengthDiscount(int words) => LengthDiscountPerWord * Math.Max(0, words - LengthDiscountFrom);

    /// <summary>
    /// The blended answer's confidence as a logistic model over its signals (<see cref="AnswerSignals"/>), or null (the
    /// default) for the fixed blend of <see cref="LexicalConfidenceShare"/>, <see cref="SimilarityFloor"/> and
    /// <see cref="SimilarityCeiling"/>. <see cref="ConfidenceModel.Fitted"/>, with a threshold of 0.53, was fitted with
    /// cross-validation on the training questions and not adopted: the held-out sets did not confirm it (bench/README.md).
    /// </summary>
    public ConfidenceModel? Confidence { get; init; }

    /// <summary>
    /// Below this a blended answer becomes "I'm not sure": 0.05 above the most confident escalate-question of the
    /// training set with the weights above (for the fixed blend; a <see cref="Confidence"/> model needs its own).
    /// </summary>
    public double ConfidenceThreshold { get; init; } = 0.147;

    /// <summary>
    /// When the words' own confidence (cut by admin cues) reaches this, the words' first article is the answer and the
    /// question is not embedded, saving the model's milliseconds; null never skips the model. 0.05 above the most
    /// confident words' answer among the training questions that the blend does not rank right or that are out of scope.
    /// </summary>
    public double? WordsDecisive { get; init; } = 0.81;

    /// <summary>
    /// The model reads the question with the words' typo corrections made (<see cref="KnowledgeIndex.TextForModel"/>):
    /// only words the articles lack and the model does not know whole, so it never "corrects" a real word.
    /// </summary>
    public bool CorrectTyposForModel { get; init; }

    /// <summary>The model reads an acronym of the synonym table followed once by its expansion (<see cref="KnowledgeIndex.TextForModel"/>).</summary>
    public bool ExpandAcronymsForModel { get; init; }

    /// <summary>
    /// The least blended score (a similarity scale, see <see cref="LexicalWeight"/>) at which a "not sure" answer still offers
    /// an article: below it the links would only send people to articles unrelated to what they asked. Fitted with
    /// <see cref="OfferSpread"/> on the training questions (<c>bench/accuracy.sh --offer-fit</c>).
    /// </summary>
    public double OfferFloor { get; init; } = 0.56;

    /// <summary>How far below the best suggestion's blended score another may be and still be offered.</summary>
    public double OfferSpread { get; init; } = 0.05;

    /// <summary>The suggestions of a blended "not sure" answer near enough to the question and to the best one to be worth a link.</summary>
    internal List<ArticleHit> Offerable(IReadOnlyList<ArticleHit> ranked)
    {
        var offered = new List<ArticleHit>(ranked.Count);
        foreach (var hit in ranked)
        {
            if (hit.Score >= OfferFloor && ranked[0].Score - hit.Score <= OfferSpread)
            {
                offered.Add(hit);
            }
        }

        return offered;
    }

    public bool Enabled => !string.Equals(Model, None, StringComparison.OrdinalIgnoreCase);

    internal IEnumerable<ValidationResult> Validate(string section)
    {
        (string Name, double Value)[] shares =
        [
            (nameof(LexicalWeight), LexicalWeight), (nameof(LexicalConfidenceShare), LexicalConfidenceShare),
            (nameof(ConfidenceThreshold), ConfidenceThreshold), (nameof(SimilarityFloor), SimilarityFloor),
            (nameof(PassageShare), PassageShare), (nameof(PhrasingShare), PhrasingShare),
            (nameof(OfferFloor), OfferFloor), (nameof(OfferSpread), OfferSpread),
        ];
        foreach (var share in shares.Where(s => s.Value is not (>= 0 and <= 1)))
        {
            yield return new($"{section}:{share.Name} must be between 0 and 1.", [nameof(AnswerOptions.Hybrid)]);
        }

        if (WordsDecisive is not null and not (> 0 and <= 1))
        {
            yield return new($"{section}:{nameof(WordsDecisive)} must be more than 0 and at most 1.", [nameof(AnswerOptions.Hybrid)]);
        }

        if (LengthDiscountPerWord is not (>= 0 and <= 0.05) || LengthDiscountFrom < 1)
        {
            yield return new($"{section}:{nameof(LengthDiscountPerWord)} must be between 0 and 0.05 and {nameof(LengthDiscountFrom)} at least 1.", [nameof(AnswerOptions.Hybrid)]);
        }

        if (!(SimilarityCeiling > SimilarityFloor && SimilarityCeiling <= 1))
        {
            yield return new($"{section}:{nameof(SimilarityCeiling)} must be above {nameof(SimilarityFloor)} and at most 1.", [nameof(AnswerOptions.Hybrid)]);
        }

        if (PassageCandidates is < 1 or > 10_000)
        {
            yield return new($"{section}:{nameof(PassageCandidates)} must be between 1 and 10,000.", [nameof(AnswerOptions.Hybrid)]);
        }

        if (LexicalCandidates is < 1 or > 100)
        {
            yield return new($"{section}:{nameof(LexicalCandidates)} must be between 1 and 100.", [nameof(AnswerOptions.Hybrid)]);
        }

        if (Enabled && !SentenceModels.Known.Contains(Model, StringComparer.OrdinalIgnoreCase))
        {
            yield return new($"{section}:{nameof(Model)} must be one of {string.Join(", ", SentenceModels.Known)} or {None}.", [nameof(AnswerOptions.Hybrid)]);
        }
    }
}

/// <summary>
/// The embedding models the bot can load: ArcticXs, as shipped (float weights) or with 8-bit weights (MiniLM, measured
/// against it, lives in the accuracy bench). Vectors of one never mix with the other's: each name has its own cache
/// partition and shipped file.
/// </summary>
public static class SentenceModels
{
    public const string ArcticXs = "ArcticXs";

    public const string ArcticXsEightBit = "ArcticXs-8bit";

    public static IReadOnlyList<string> Known { get; } = [ArcticXs, ArcticXsEightBit];
}
