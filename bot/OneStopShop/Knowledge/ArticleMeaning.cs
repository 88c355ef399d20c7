using System.Security.Cryptography;
using System.Text;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>What of an article is embedded, and the hash that says whether a stored embedding still fits it.</summary>
public static class ArticleMeaning
{
    /// <summary>
    /// Title, tags and summary: measured against the whole article on the training questions, they rank as well and
    /// embed ten times faster (the models read at most a few hundred words anyway).
    /// </summary>
    public static string TextOf(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return $"{article.Title}. {string.Join(", ", article.Tags)}. {article.Summary}";
    }

    /// <summary>Hex SHA-256 of <paramref name="text"/>.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
