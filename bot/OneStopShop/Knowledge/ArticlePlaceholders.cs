namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// Words in article text that follow the bot's settings, so an article never promises something the bot does not.
/// The stored article keeps the placeholder (editing it in Teams keeps it too); it is filled in when shown.
/// </summary>
public static class ArticlePlaceholders
{
    /// <summary>How soon the L&amp;D team promises an answer to an escalated question, e.g. "2 working days".</summary>
    public const string AnswerWithin = "{answer-within}";

    /// <summary>The article as people read it: every placeholder in its summary and body replaced by its words.</summary>
    public static KnowledgeArticle Fill(KnowledgeArticle article, string answerWithin)
    {
        ArgumentNullException.ThrowIfNull(article);
        return article.Summary.Contains(AnswerWithin, StringComparison.Ordinal) || article.Body.Contains(AnswerWithin, StringComparison.Ordinal)
            ? article with
            {
                Summary = article.Summary.Replace(AnswerWithin, answerWithin, StringComparison.Ordinal),
                Body = article.Body.Replace(AnswerWithin, answerWithin, StringComparison.Ordinal),
            }
            : article;
    }
}
