using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;

namespace LearningBot.Digest.Archive;

/// <summary>The archive's cards: a page of sent editions, and search results.</summary>
public sealed class DigestArchiveCards(CardCatalog cards)
{
    /// <summary>Editions on one page of the archive card: with 200 editions the card still stays small.</summary>
    public const int PageSize = 10;

    /// <summary>Headlines shown for each edition on the archive card.</summary>
    public const int HeadlinesShown = 3;

    /// <summary>Results on the search card.</summary>
    public const int MaxResults = 10;

    /// <summary>How much of an item's text a search result shows.</summary>
    public const int ExcerptLength = 200;

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static int PagesOf(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    /// <summary>
    /// The UK date an edition was sent: its last change, as a sent edition is not changed again (sending is the change
    /// that made it <see cref="DigestStatus.Sent"/>).
    /// </summary>
    public static string SentDate(DigestEdition edition) => UkTime.Local(edition.SentAt ?? edition.UpdatedAt).ToString("d MMMM yyyy", English);

    /// <summary>"Edition 7, sent 2 December 2026".</summary>
    public static string EditionAndDate(DigestEdition edition) => $"{edition.Title}, sent {SentDate(edition)}";

    public JsonObject Archive(IReadOnlyList<DigestEdition> sent, int page, string notice = "", string words = "")
    {
        var pages = PagesOf(sent.Count);
        page = Math.Clamp(page, 1, pages);
        var first = (page - 1) * PageSize;
        var rows = sent.Skip(first).Take(PageSize).Select(Row).ToList();
        return cards.Render(new DigestArchiveCardData(
            page, pages, sent.Count, sent.Count == 0 ? 0 : first + 1, first + rows.Count, Math.Max(1, page - 1), Math.Min(pages, page + 1), notice, words, rows));
    }

    public JsonObject Results(string words, IReadOnlyList<ArchiveMatch> matches) => cards.Render(new DigestSearchCardData(
        matches.Count == 0 ? "Nothing found in past editions" : "In past editions",
        CardText.Literal(words),
        words,
        [.. matches.Take(MaxResults).Select(match =>
        {
            var (headline, text, _) = match.Found.Item.Shown();
            return new DigestSearchResult(match.Found.Edition.Number, CardText.Literal(headline), EditionAndDate(match.Found.Edition), CardText.Literal(Excerpt(text)));
        })]));

    private static ArchivedEditionRow Row(DigestEdition edition)
    {
        var items = edition.Items;
        var more = items.Count - HeadlinesShown;
        return new ArchivedEditionRow(
            edition.Number,
            edition.Title,
            SentDate(edition),
            [.. items.Take(HeadlinesShown).Select(item => new DigestHeadline(CardText.Literal(item.Shown().Headline)))],
            more switch
            {
                <= 0 => string.Empty,
                1 => "And 1 more item.",
                _ => string.Create(English, $"And {more} more items."),
            });
    }

    private static string Excerpt(string text) =>
        text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, text.LastIndexOf(' ', ExcerptLength) is var cut and > 0 ? cut : ExcerptLength), "…");
}
