using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// An expert's answer ticked "add to the knowledge base" becomes a draft, scrubbed like any article (work contacts kept):
/// it was written to one person about one question, so nobody else is answered from it until the L&amp;D Support Team
/// has edited and published it (<c>knowledge drafts</c>).
/// </summary>
public sealed class KnowledgeBaseWriter(KnowledgeArticleStore store) : IKnowledgeArticleWriter
{
    public Task SaveDraftAsync(KnowledgeArticle draft, string createdBy, CancellationToken cancellationToken) =>
        store.SaveDraftAsync(store.Scrub(draft), createdBy, cancellationToken);
}
