using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>Stores an article made from an expert's answer (created, or updated when the id exists) and makes it searchable.</summary>
public interface IKnowledgeArticleWriter
{
    Task SaveAsync(KnowledgeArticle article, string editedBy, CancellationToken cancellationToken);
}
