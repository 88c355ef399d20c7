using System.Text;
using System.Text.RegularExpressions;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// What of an article is embedded: its head (title, tags and summary), its body in passages, one per section,
/// longer sections cut between paragraphs, and the ways staff ask for it (<see cref="KnowledgeArticle.Asked"/>). Each
/// text is cached by its own hash, so editing one section or one phrasing embeds only it.
/// </summary>
public static partial class ArticleMeaning
{
    /// <summary>
    /// Words per passage at most (a section longer than this is cut between paragraphs): the models read about 400
    /// words, and a shorter passage keeps one topic, so a question about one section matches it closely.
    /// </summary>
    public const int PassageWords = 150;

    /// <summary>Title, tags and summary: the article's head, embedded as the first of its texts.</summary>
    public static string TextOf(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return $"{article.Title}. {string.Join(", ", article.Tags)}. {article.Summary}";
    }

    /// <summary>The head, every passage of the body, then every phrasing, in order: what the model embeds for one article.</summary>
    public static IReadOnlyList<string> TextsOf(KnowledgeArticle article) => [TextOf(article), .. PassagesOf(article), .. PhrasingsOf(article)];

    /// <summary>The "asked as" phrasings as embedded: each as written, alone (a question, not a passage).</summary>
    public static IReadOnlyList<string> PhrasingsOf(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return [.. article.Asked.Select(phrasing => phrasing.Trim()).Where(phrasing => phrasing.Length > 0)];
    }

    /// <summary>
    /// The body's passages, each led by the article's title and the section's heading so that a passage read alone
    /// still says what it is about.
    /// </summary>
    public static IReadOnlyList<string> PassagesOf(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var passages = new List<string>();
        foreach (var (heading, paragraphs) in Sections(article.Body))
        {
            var lead = heading.Length == 0 ? $"{article.Title}. " : $"{article.Title}: {heading}. ";
            var words = 0;
            var text = new StringBuilder();
            foreach (var paragraph in paragraphs)
            {
                var count = WordCount(paragraph);
                if (text.Length > 0 && words + count > PassageWords)
                {
                    passages.Add(lead + text);
                    text.Clear();
                    words = 0;
                }

                text.Append(text.Length > 0 ? " " : string.Empty).Append(paragraph);
                words += count;
            }

            if (text.Length > 0)
            {
                passages.Add(lead + text);
            }
        }

        return passages;
    }

    /// <summary>Hex SHA-256 of <paramref name="text"/>.</summary>
    public static string HashOf(string text) => StableKey.Of(text, 64);

    /// <summary>The hash of all the article's texts: an embedding made for another version of any of them no longer fits.</summary>
    public static string HashOf(KnowledgeArticle article) => HashOf(string.Join('\n', TextsOf(article).Select(HashOf)));

    private static IEnumerable<(string Heading, List<string> Paragraphs)> Sections(string markdown)
    {
        var heading = string.Empty;
        var paragraphs = new List<string>();
        var paragraph = new StringBuilder();
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            var isHeading = Heading().Match(line);
            if (line.Length == 0 || isHeading.Success)
            {
                EndParagraph(paragraph, paragraphs);
            }

            if (isHeading.Success)
            {
                if (paragraphs.Count > 0)
                {
                    yield return (heading, paragraphs);
                }

                heading = MarkdownText.ToPlainText(isHeading.Groups[1].Value).Trim();
                paragraphs = [];
            }
            else if (line.Length > 0)
            {
                paragraph.Append(paragraph.Length > 0 ? " " : string.Empty).Append(MarkdownText.ToPlainText(line).Trim());
            }
        }

        EndParagraph(paragraph, paragraphs);
        if (paragraphs.Count > 0)
        {
            yield return (heading, paragraphs);
        }
    }

    private static void EndParagraph(StringBuilder paragraph, List<string> paragraphs)
    {
        if (paragraph.Length > 0)
        {
            paragraphs.Add(paragraph.ToString());
            paragraph.Clear();
        }
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"^#{1,6}\s+(.*)$")]
    private static partial Regex Heading();
}
