namespace LearningBot.OneStopShop.Knowledge;

/// <summary>Everything the one-stop shop answers from, as loaded from the knowledge folder.</summary>
public sealed record KnowledgeBase(IReadOnlyList<KnowledgeArticle> Articles, WhosWho WhosWho, SynonymTable Synonyms);
