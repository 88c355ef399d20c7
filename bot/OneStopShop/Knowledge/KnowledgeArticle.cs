namespace LearningBot.OneStopShop.Knowledge;

/// <summary>One curated answer in the one-stop shop's knowledge base.</summary>
/// <param name="Id">Stable kebab-case identifier, also used by <paramref name="Related"/> links.</param>
/// <param name="Body">The article body as Markdown.</param>
public sealed record KnowledgeArticle(
    string Id,
    string Title,
    string Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Audience,
    IReadOnlyList<string> Organisations,
    string Owner,
    DateOnly ReviewBy,
    IReadOnlyList<string> Related,
    string Body)
{
    /// <summary>
    /// Ways staff and volunteers would ask for this article in their own words (front matter <c>asked:</c>): ranked as
    /// extra texts of the article by meaning and as a light field by words. No two articles share one.
    /// </summary>
    public IReadOnlyList<string> Asked { get; init; } = [];

    /// <summary>True when the article should be reviewed by its owner on or before <paramref name="today"/>.</summary>
    public bool IsDueForReview(DateOnly today) => ReviewBy <= today;
}
