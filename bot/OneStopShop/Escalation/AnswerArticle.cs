using System.Text;
using System.Text.RegularExpressions;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Turns an answered ticket into a draft article for the L&amp;D Support Team to edit and publish. The answer was written
/// to one person, so the draft is only a start: the asker's question becomes a suggested "asked as" phrasing (never the
/// title), the title says it is a draft to be named, greetings and sign-offs addressed to the asker are taken off the
/// body, the answer's first paragraph is the summary and the question's content words the tags. The id is made from the
/// question and the ticket reference, so answering the same ticket again updates its draft and never overwrites a
/// curated article.
/// </summary>
public static partial class AnswerArticle
{
    /// <summary>The title a draft starts with; publishing asks for a real one.</summary>
    public const string UntitledPrefix = "Untitled draft from question";

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

    public static KnowledgeArticle Draft(TicketEntity ticket, string answer, string expertName, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var body = ForEveryone(answer);
        return new(
            Id: ticket.ArticleId ?? IdFor(ticket),
            Title: $"{UntitledPrefix} {ticket.Reference}",
            Summary: Summary(body),
            Tags: Tags(ticket.Question),
            Audience: [],
            Organisations: ["all"],
            Owner: expertName,
            ReviewBy: today.AddYears(1),
            Related: [],
            Body: body)
        {
            Asked = Title(ticket.Question) is { Length: > 0 } phrasing ? [phrasing] : [],
        };
    }

    /// <summary>Whether the title is still the one a draft starts with.</summary>
    public static bool IsUntitled(string title) => title.StartsWith(UntitledPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The answer without the lines that speak to the one asker: an opening greeting and a closing sign-off.</summary>
    public static string ForEveryone(string answer)
    {
        var lines = answer.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split('\n').ToList();
        if (lines.Count > 1 && Greeting().IsMatch(lines[0].Trim()))
        {
            lines.RemoveAt(0);
        }

        var signOff = lines.FindLastIndex(line => SignOff().IsMatch(line.Trim()));
        if (signOff > 0 && lines.Count - signOff <= 3)
        {
            lines.RemoveRange(signOff, lines.Count - signOff);
        }

        var body = string.Join('\n', lines).Trim();
        return body.Length > 0 ? body : answer.Trim();
    }

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

    [GeneratedRegex(@"^(hi|hiya|hello|hey|dear|good (morning|afternoon|evening)|morning|afternoon)\b[^.?!\n]{0,40}[,.!:]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(thanks|thank you|many thanks|best wishes|best|kind regards|regards|warm regards|all the best|cheers|hope (this|that) helps)\b[^\n]{0,40}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignOff();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}']*")]
    private static partial Regex WordPattern();

    [GeneratedRegex("[^a-z0-9]")]
    private static partial Regex NotSlug();
}
