using System.Text.RegularExpressions;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The rules every article set obeys: unique kebab-case ids, related links that resolve, and "asked as" phrasings that
/// belong to one article only (the same words pointing at two articles would teach the ranking nothing).
/// </summary>
internal static partial class KnowledgeValidation
{
    public static void CheckSet(IReadOnlyList<KnowledgeArticle> articles)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var askedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            CheckFields(article);
            if (!ids.Add(article.Id))
            {
                throw new ArgumentException($"Two articles share the id '{article.Id}'.", nameof(articles));
            }

            foreach (var phrasing in article.Asked.Select(NormalisedPhrasing).Distinct(StringComparer.Ordinal))
            {
                if (!askedBy.TryAdd(phrasing, article.Id))
                {
                    throw new ArgumentException($"Articles '{askedBy[phrasing]}' and '{article.Id}' are both asked as '{phrasing}'; keep each phrasing to one article.", nameof(articles));
                }
            }
        }

        foreach (var article in articles)
        {
            CheckRelated(article, ids.Contains);
        }
    }

    /// <summary>Checks an added or edited article against the others (<paramref name="others"/> may include its own old version).</summary>
    public static void CheckUpsert(KnowledgeArticle article, Func<string, bool> exists, IEnumerable<KnowledgeArticle> others)
    {
        CheckFields(article);
        CheckRelated(article, exists);
        var mine = article.Asked.Select(NormalisedPhrasing).ToHashSet(StringComparer.Ordinal);
        foreach (var other in others.Where(o => o.Id != article.Id))
        {
            if (other.Asked.Select(NormalisedPhrasing).FirstOrDefault(mine.Contains) is { } shared)
            {
                throw new ArgumentException($"Article '{other.Id}' is already asked as '{shared}'; keep each phrasing to one article.", nameof(article));
            }
        }
    }

    /// <summary>True when <paramref name="problem"/> came from a phrasing another article already has.</summary>
    public static bool IsSharedPhrasing(ArgumentException problem) =>
        problem?.Message.Contains("keep each phrasing to one article", StringComparison.Ordinal) == true;

    /// <summary>A phrasing or question as compared: lower case, letters and digits only, single spaces.</summary>
    public static string NormalisedPhrasing(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // By hand rather than by regular expression: an edit compares every phrasing of the base (40,000 in a large one).
        var normalised = new System.Text.StringBuilder(text.Length);
        var gap = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (gap && normalised.Length > 0)
                {
                    normalised.Append(' ');
                }

                normalised.Append(char.ToLowerInvariant(c));
                gap = false;
            }
            else
            {
                gap = true;
            }
        }

        return normalised.ToString();
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

        if (article.Asked.Any(phrasing => NormalisedPhrasing(phrasing).Length == 0))
        {
            throw new ArgumentException($"Article '{article.Id}' has an empty 'asked' phrasing.", nameof(article));
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
