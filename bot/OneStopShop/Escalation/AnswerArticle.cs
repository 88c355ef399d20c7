using System.Text;
using System.Text.RegularExpressions;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Turns an answered ticket into a knowledge-base article: the question is the title, the answer's first
/// paragraph the summary, the answer the body, and the question's content words the tags. The id is made from
/// the title and the ticket reference, so answering the same ticket again updates its article and never
/// overwrites a curated one.
/// </summary>
public static partial class AnswerArticle
{
    private const int MaxTitle = 120;
    private const int MaxSummary = 300;
    private const int MaxTags = 6;

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "after", "also", "anyone", "anything", "been", "before", "being", "can't", "could", "does", "doing",
        "from", "have", "having", "help", "into", "just", "know", "like", "many", "more", "most", "much", "need",
        "only", "other", "please", "should", "some", "than", "that", "their", "them", "then", "there", "these",
        "they", "this", "those", "want", "were", "what", "when", "where", "which", "while", "will", "with",
        "would", "your", "yours", "there's", "who's", "what's", "where's",
    };

    public static KnowledgeArticle From(TicketEntity ticket, string answer, string expertName, DateOnly today) => new(
        Id: ticket.ArticleId ?? IdFor(ticket),
        Title: Title(ticket.Question),
        Summary: Summary(answer),
        Tags: Tags(ticket.Question),
        Audience: [],
        Organisations: ["all"],
        Owner: expertName,
        ReviewBy: today.AddYears(1),
        Related: [],
        Body: answer.Trim());

    public static string IdFor(TicketEntity ticket)
    {
        var words = Words(ticket.Question).Select(w => w.ToLowerInvariant()).Take(8);
        var slug = string.Join("-", words.Select(w => NotSlug().Replace(w, string.Empty)).Where(w => w.Length > 0));
        var reference = NotSlug().Replace(ticket.Reference.ToLowerInvariant(), string.Empty);
        return string.IsNullOrEmpty(slug) ? $"question-{reference}" : $"{slug}-{reference}";
    }

    public static string Title(string question)
    {
        var title = Regex.Replace(question.Trim(), @"\s+", " ");
        return Clip(title, MaxTitle);
    }

    public static string Summary(string answer)
    {
        var paragraph = answer.Trim().Split(["\r\n\r\n", "\n\n"], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        return Clip(Regex.Replace(paragraph, @"\s+", " "), MaxSummary);
    }

    public static IReadOnlyList<string> Tags(string question) =>
        [.. Words(question)
            .Select(w => w.ToLowerInvariant())
            .Where(w => (w.Length >= 4 || w.Any(char.IsDigit)) && !StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTags)];

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.Trim('\''));

    private static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        var builder = new StringBuilder(text[..(cut > max / 2 ? cut : max - 1)].TrimEnd(',', ';', ':', ' '));
        return builder.Append('…').ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}']*")]
    private static partial Regex WordPattern();

    [GeneratedRegex("[^a-z0-9]")]
    private static partial Regex NotSlug();
}
