namespace LearningBot.OneStopShop.Knowledge;

/// <summary>An article's terms, by vocabulary id, per field.</summary>
internal sealed record ArticleTerms(KnowledgeArticle Article, int[][] TermIds, int[][] Frequencies, int[] Lengths);
