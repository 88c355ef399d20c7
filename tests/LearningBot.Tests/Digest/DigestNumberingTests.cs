using Azure.Data.Tables;
using LearningBot.Digest;
using LearningBot.Privacy;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningBot.Tests.Digest;

/// <summary>Edition numbers from two instances of the bot (each its own storage client) starting editions at the same time.</summary>
public sealed class DigestNumberingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_instances_numbering_editions_at_once_never_give_a_number_twice_or_skip_one()
    {
        var now = DateTimeOffset.Parse("2026-12-02T14:30:00Z");
        var clock = new ManualClock(now);
        DigestEditionStore Instance() =>
            new(new TableStorage(new TableServiceClient(azurite.ConnectionString), azurite.TablePrefix), clock, NullLogger<DigestEditionStore>.Instance);
        var (first, second) = (Instance(), Instance());
        var tip = DigestItem.Of(DigestItemKinds.ReviewTip, "tip-1", PersonalDataScrubber.Scrub("Five Minute Review: keep it regular", DateOnly.FromDateTime(now.UtcDateTime)),
            PersonalDataScrubber.Scrub("Short reviews every few months.", DateOnly.FromDateTime(now.UtcDateTime)), ScrubbedText.Empty);
        var draft = DigestEdition.Draft(now.AddDays(-30), now, "editor", [tip], now);

        var started = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? first : second).CreateDraftAsync(draft, $"editor-{i}", CancellationToken.None)));

        Assert.Equal(Enumerable.Range(1, 12), started.Select(edition => edition.Number).Order());
        var stored = await first.ListAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 12).Reverse(), stored.Select(edition => edition.Number));
        Assert.All(stored, edition => Assert.Equal("Five Minute Review: keep it regular", Assert.Single(edition.Items).Shown().Headline));
    }
}
