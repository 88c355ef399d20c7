namespace LearningBot.OneStopShop.Knowledge;

/// <summary>What kind of reply the one-stop shop can give.</summary>
public enum AnswerKind
{
    /// <summary>A knowledge article answers the question.</summary>
    Article,

    /// <summary>A person (or a network's lead) from the directory answers the question.</summary>
    Person,

    /// <summary>Nothing fits well enough: say so and offer to pass the question to the L&amp;D team.</summary>
    NotSure,
}

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
    IReadOnlyList<string> MatchedTerms);
