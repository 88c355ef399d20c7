using LearningBot.Cards;

namespace LearningBot.Digest.Archive;

/// <summary>Data for the <c>digest-archive</c> card: one page of the sent editions, newest first, and the search box.</summary>
public sealed record DigestArchiveCardData(
    int Page, int Pages, int Total, int FirstShown, int LastShown, int NewerPage, int OlderPage, string Notice, string Words,
    IReadOnlyList<ArchivedEditionRow> Editions) : ICardData
{
    public static string CardName => "digest-archive";
}

/// <summary>A sent edition on the archive card: its number, the UK date it was sent and its first headlines.</summary>
/// <param name="More">"And 4 more items." when it has more than the headlines shown; empty otherwise.</param>
public sealed record ArchivedEditionRow(int Number, string Title, string Sent, IReadOnlyList<DigestHeadline> Headlines, string More);

/// <summary>Data for the <c>digest-search</c> card: items of sent editions that match the words.</summary>
/// <param name="Searched">The words for display (<see cref="CardText.Literal"/>); <paramref name="Words"/> fills the search box again.</param>
public sealed record DigestSearchCardData(string Heading, string Searched, string Words, IReadOnlyList<DigestSearchResult> Results) : ICardData
{
    public static string CardName => "digest-search";
}

/// <param name="Edition">"Edition 7, sent 2 December 2026".</param>
public sealed record DigestSearchResult(int Number, string Headline, string Edition, string Excerpt);
