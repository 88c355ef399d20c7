using LearningBot.Digest;
using LearningBot.Digest.Archive;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Privacy;

namespace LearningBot.Tests.Digest.Archive;

/// <summary>The archive's index of sent items on its own: what it holds and what it finds.</summary>
public sealed class SentEditionsIndexTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Fact]
    public void Holds_only_sent_editions_newest_first()
    {
        var index = new SentEditionsIndex(
            [Edition(1, DigestStatus.Sent, ("Dementia awareness course", "New dates for the dementia awareness course.")),
             Edition(2, DigestStatus.Approved, ("Dementia friends sessions", "Approved but not sent: dementia friends sessions.")),
             Edition(3, DigestStatus.Sent, ("Mentoring programmes", "Organised mentoring programmes for carers."))],
            SynonymTable.Empty, new RankingOptions());

        Assert.Equal([3, 1], index.Editions.Select(edition => edition.Number));
        Assert.Null(index.Find(2));
        Assert.Equal(2, index.ItemCount);
        Assert.All(index.Search("dementia sessions", 10).Matches, match => Assert.Equal(DigestStatus.Sent, match.Found.Edition.Status));
    }

    [Fact]
    public void Two_hundred_editions_of_fifteen_items_are_searched_and_the_right_item_comes_first()
    {
        var editions = Enumerable.Range(1, 200).Select(number => Edition(number, DigestStatus.Sent,
            [.. Enumerable.Range(1, 15).Select(i => ($"Course {i} in edition {number}", $"Sessions on topic {i} run at the hub for support workers and volunteers."))])).ToList();
        editions[136] = Edition(137, DigestStatus.Sent, ("Makaton signing taster sessions", "Makaton signing taster sessions for support workers in February."));

        var index = new SentEditionsIndex(editions, SynonymTable.Empty, new RankingOptions());
        var found = index.Search("makaton signing", 5);

        Assert.Equal(200 * 15 - 14, index.ItemCount);
        Assert.Equal(137, found.Matches[0].Found.Edition.Number);
        Assert.True(found.Confidence > 0);
    }

    [Fact]
    public void A_signature_changes_when_an_edition_is_sent_or_changed()
    {
        var before = SentEditionsIndex.SignatureOf([Edition(1, DigestStatus.Sent), Edition(2, DigestStatus.Scheduled)]);

        Assert.NotEqual(before, SentEditionsIndex.SignatureOf([Edition(1, DigestStatus.Sent), Edition(2, DigestStatus.Sent)]));
        Assert.NotEqual(before, SentEditionsIndex.SignatureOf([Edition(1, DigestStatus.Sent) with { Version = 9 }, Edition(2, DigestStatus.Scheduled)]));
        Assert.Equal(before, SentEditionsIndex.SignatureOf([Edition(2, DigestStatus.Draft), Edition(1, DigestStatus.Sent)]));
    }

    private static DigestEdition Edition(int number, string status, params (string Headline, string Text)[] items) =>
        DigestEdition.Draft(DateTimeOffset.Parse("2026-11-01T00:00:00Z"), DateTimeOffset.Parse("2026-12-01T00:00:00Z"), "editor",
            [.. items.Select(item => DigestItem.Of(DigestItemKinds.TeamItem, string.Empty, Scrub(item.Headline), Scrub(item.Text), Scrub(string.Empty), category: "course"))],
            DateTimeOffset.Parse("2026-12-02T10:00:00Z")).Numbered(number) with { Status = status };

    private static ScrubbedText Scrub(string text) => PersonalDataScrubber.Scrub(text, Today, ScrubMarking.Plain);
}
