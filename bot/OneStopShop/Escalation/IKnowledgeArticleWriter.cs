using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>Keeps a draft article made from an expert's answer (created, or replaced when the id exists) for the L&amp;D Support Team to edit and publish.</summary>
public interface IKnowledgeArticleWriter
{
    Task SaveDraftAsync(KnowledgeArticle draft, string createdBy, CancellationToken cancellationToken);
}
