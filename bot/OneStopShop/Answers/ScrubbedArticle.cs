using LearningBot.OneStopShop.Knowledge;
using LearningBot.Privacy;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// An article whose free text (title, summary, tags, "asked as" phrasings, owner and body) has been through <see cref="PersonalDataScrubber"/>:
/// the only kind <see cref="StoredArticle"/> is made from. Its constructor is private and the one way to make one
/// scrubs, as with <see cref="ScrubbedText"/>. The id, related ids and review date are checked inputs, not free text.
/// </summary>
public sealed class ScrubbedArticle
{
    private ScrubbedArticle(KnowledgeArticle article, IReadOnlyList<string> removed)
    {
        Article = article;
        Removed = removed;
    }

    public KnowledgeArticle Article { get; }

    /// <summary>The kinds removed, each once, in the order met; empty when nothing was.</summary>
    public IReadOnlyList<string> Removed { get; }

    public bool WasScrubbed => Removed.Count > 0;

    /// <summary>
    /// The article with suspected identifiers replaced in every free-text field, keeping <paramref name="workContacts"/>
    /// (the team's mailbox and switchboard are what an article tells people to use). Scrubbing it again changes nothing.
    /// </summary>
    public static ScrubbedArticle Of(KnowledgeArticle article, DateOnly today, WorkContacts? workContacts = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        var removed = new List<string>();
        string Free(string text)
        {
            var scrubbed = PersonalDataScrubber.Scrub(text, today, workContacts ?? WorkContacts.None);
            removed.AddRange(scrubbed.Removed);
            return scrubbed.Text;
        }

        var scrubbed = article with
        {
            Title = Free(article.Title),
            Summary = Free(article.Summary),
            Tags = [.. article.Tags.Select(Free).Where(tag => tag.Length > 0)],
            Asked = [.. article.Asked.Select(Free).Where(phrasing => phrasing.Trim().Length > 0)],
            Owner = Free(article.Owner),
            Body = Free(article.Body),
        };
        return new ScrubbedArticle(scrubbed, [.. removed.Distinct(StringComparer.Ordinal)]);
    }
}
