namespace LearningBot.OneStopShop.Knowledge;

/// <summary>The one-stop shop's answer to a question.</summary>
/// <param name="Confidence">Confidence in <see cref="Article"/> or <see cref="Person"/>, in [0, 1]; for NotSure, the best candidate's.</param>
/// <param name="Article">The answering article (Kind = Article).</param>
/// <param name="Person">The answering person (Kind = Person).</param>
/// <param name="Suggestions">Up to three articles, best first, whatever the kind (for "see also" or "did you mean").</param>
/// <param name="People">Up to three people, best first, when the question asked for a person.</param>
/// <param name="MatchedTerms">The question's words, as typed, behind the answer.</param>
public sealed record AnswerResult(
    AnswerKind Kind,
    double Confidence,
    KnowledgeArticle? Article,
    PersonMatch? Person,
    IReadOnlyList<ArticleHit> Suggestions,
    IReadOnlyList<PersonMatch> People,
    IReadOnlyList<string> MatchedTerms)
{
    /// <summary>The question's embedding when it was ranked by meaning, so signposts can compare it without embedding it again.</summary>
    public float[]? QuestionMeaning { get; init; }

    /// <summary>The evidence behind a blended answer's confidence; null when ranked by words alone.</summary>
    public AnswerSignals? Signals { get; init; }

    /// <summary>
    /// The suggestions worth offering on a "not sure" card: for a blended answer, only those close enough to the question
    /// and to the best (<see cref="HybridOptions.OfferFloor"/>, <see cref="HybridOptions.OfferSpread"/>), which may be
    /// none; otherwise <see cref="Suggestions"/>.
    /// </summary>
    public IReadOnlyList<ArticleHit> Offered
    {
        get => field ?? Suggestions;
        init;
    }
}
