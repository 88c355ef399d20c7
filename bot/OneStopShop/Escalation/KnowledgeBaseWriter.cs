using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>An expert's answer ticked "add to the knowledge base" goes into the live knowledge base, with its history.</summary>
public sealed class KnowledgeBaseWriter(KnowledgeArticleStore store) : IKnowledgeArticleWriter
{
    public Task SaveAsync(KnowledgeArticle article, string editedBy, CancellationToken cancellationToken) =>
        store.SaveAsync(article, editedBy, cancellationToken);
}
