using System.Text.RegularExpressions;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>The rules every article set obeys: unique kebab-case ids and related links that resolve.</summary>
internal static partial class KnowledgeValidation
{
    public static void CheckSet(IReadOnlyList<KnowledgeArticle> articles)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            CheckFields(article);
            if (!ids.Add(article.Id))
            {
                throw new ArgumentException($"Two articles share the id '{article.Id}'.", nameof(articles));
            }
        }

        foreach (var article in articles)
        {
            CheckRelated(article, ids.Contains);
        }
    }

    public static void CheckUpsert(KnowledgeArticle article, Func<string, bool> exists)
    {
        CheckFields(article);
        CheckRelated(article, exists);
    }

    private static void CheckFields(KnowledgeArticle article)
    {
        if (!KebabId().IsMatch(article.Id))
        {
            throw new ArgumentException($"Article id '{article.Id}' must be lower-case words joined by hyphens.", nameof(article));
        }

        if (string.IsNullOrWhiteSpace(article.Title) || string.IsNullOrWhiteSpace(article.Summary))
        {
            throw new ArgumentException($"Article '{article.Id}' needs a title and a summary.", nameof(article));
        }
    }

    private static void CheckRelated(KnowledgeArticle article, Func<string, bool> exists)
    {
        foreach (var related in article.Related)
        {
            if (related == article.Id || !exists(related))
            {
                throw new ArgumentException($"Article '{article.Id}' lists related id '{related}', which is not another article.", nameof(article));
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabId();
}
