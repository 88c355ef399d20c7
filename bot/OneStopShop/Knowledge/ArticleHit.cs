namespace LearningBot.OneStopShop.Knowledge;

/// <summary>An article with its ranking score.</summary>
public sealed record ArticleHit(KnowledgeArticle Article, double Score);
