using System.Globalization;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.Digest.Archive;

/// <summary>
/// The sent editions, newest first, and their items searched the way the one-stop shop searches its articles: each item
/// becomes a <see cref="KnowledgeArticle"/> (headline as title, text as summary) in a <see cref="KnowledgeIndex"/>
/// with the knowledge base's synonyms, British and American spellings, stemming and ranking. Immutable: a changed set of
/// sent editions is a new index (<see cref="DigestArchive"/> builds them). Only sent editions are ever put in it.
/// </summary>
public sealed class SentEditionsIndex
{
    private readonly KnowledgeIndex _index;
    private readonly Dictionary<string, ArchivedItem> _byArticle;

    public SentEditionsIndex(IReadOnlyList<DigestEdition> editions, SynonymTable synonyms, RankingOptions ranking)
    {
        Editions = [.. editions.Where(edition => edition.Status == DigestStatus.Sent).OrderByDescending(edition => edition.Number)];
        _byArticle = new Dictionary<string, ArchivedItem>(StringComparer.Ordinal);
        var articles = new List<KnowledgeArticle>();
        foreach (var edition in Editions)
        {
            foreach (var item in edition.Items)
            {
                // Article ids must be kebab-case, so each item is named by its edition and place.
                var articleId = string.Create(CultureInfo.InvariantCulture, $"edition-{edition.Number}-item-{_byArticle.Count}");
                var (headline, text, _) = item.Shown();
                if (string.IsNullOrWhiteSpace(headline) && string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                _byArticle[articleId] = new ArchivedItem(edition, item);
                articles.Add(new KnowledgeArticle(
                    articleId, string.IsNullOrWhiteSpace(headline) ? "Item" : headline, string.IsNullOrWhiteSpace(text) ? headline : text,
                    [], [], [], string.Empty, DateOnly.MaxValue, [], string.Empty));
            }
        }

        _index = new KnowledgeIndex(articles, synonyms, ranking);
        Signature = SignatureOf(Editions);
    }

    public static SentEditionsIndex Empty { get; } = new([], SynonymTable.Empty, new RankingOptions());

    /// <summary>The sent editions, newest (highest number) first.</summary>
    public IReadOnlyList<DigestEdition> Editions { get; }

    /// <summary>Which editions, at which versions, the index holds: a different signature means the table changed.</summary>
    public string Signature { get; }

    public int ItemCount => _byArticle.Count;

    public DigestEdition? Find(int number) => Editions.FirstOrDefault(edition => edition.Number == number);

    public static string SignatureOf(IEnumerable<DigestEdition> editions) =>
        string.Join(',', editions.Where(edition => edition.Status == DigestStatus.Sent)
            .OrderByDescending(edition => edition.Number)
            .Select(edition => string.Create(CultureInfo.InvariantCulture, $"{edition.Number}:{edition.Version}")));

    /// <summary>The best <paramref name="max"/> items for <paramref name="words"/>, and how sure the index is of the first.</summary>
    public ArchiveSearch Search(string words, int max)
    {
        if (ItemCount == 0 || string.IsNullOrWhiteSpace(words))
        {
            return ArchiveSearch.None;
        }

        var result = _index.Search(words, max);
        return new ArchiveSearch([.. result.Hits.Select(hit => new ArchiveMatch(_byArticle[hit.Article.Id], hit.Score))], result.Confidence);
    }
}

/// <summary>An item of a sent edition.</summary>
public sealed record ArchivedItem(DigestEdition Edition, DigestItem Item);

/// <param name="Score">The BM25F score: comparable between matches of one search only.</param>
public sealed record ArchiveMatch(ArchivedItem Found, double Score);

/// <param name="Matches">Best first.</param>
/// <param name="Confidence">The one-stop shop's confidence that the first match answers the words, in [0, 1].</param>
public sealed record ArchiveSearch(IReadOnlyList<ArchiveMatch> Matches, double Confidence)
{
    public static ArchiveSearch None { get; } = new([], 0);
}
