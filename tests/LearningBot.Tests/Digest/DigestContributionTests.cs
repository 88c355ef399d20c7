using LearningBot.Digest;
using LearningBot.Tests.Support;
using static LearningBot.Tests.Digest.DigestHarness;

namespace LearningBot.Tests.Digest;

/// <summary>"Contribute to the newsletter": 150 to 300 words, checked by the bot, scrubbed, stored once and proposed once.</summary>
public sealed class DigestContributionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>A piece of exactly <paramref name="count"/> words.</summary>
    public static string Words(int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(i => (i % 10) switch
        {
            0 => "Our", 1 => "team", 2 => "learned", 3 => "a", 4 => "lot", 5 => "from", 6 => "the", 7 => "dementia", 8 => "friends", _ => "session.",
        }));

    [Theory]
    [InlineData(40)]
    [InlineData(149)]
    [InlineData(301)]
    public async Task A_contribution_outside_150_to_300_words_is_refused_with_its_count(int words)
    {
        await using var hub = await StartAsync(azurite);
        var colleague = Colleague();
        var card = await hub.TypeAsync(colleague, "contribute to the newsletter");

        var refused = await hub.PressAsync(colleague, card, DigestVerbs.SendContribution, new() { ["headline"] = "Dementia friends", ["text"] = Words(words) });

        Assert.Contains($"Your piece is {words} words long: please make it between 150 and 300 words.", CardJson.Texts(refused), StringComparison.Ordinal);
        Assert.Empty(await hub.Contributions.ListWaitingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_contribution_is_shown_scrubbed_before_it_is_stored_and_a_second_press_stores_it_once()
    {
        await using var hub = await StartAsync(azurite);
        var colleague = Colleague();
        var card = await hub.TypeAsync(colleague, "contribute to the newsletter");
        var text = Words(160) + " Call me on 07700 900123 to hear more.";

        var shown = await hub.PressAsync(colleague, card, DigestVerbs.SendContribution, new() { ["headline"] = "Dementia friends", ["text"] = text });

        Assert.Contains("I removed a phone number", CardJson.Texts(shown), StringComparison.Ordinal);
        Assert.Empty(await hub.Contributions.ListWaitingAsync(CancellationToken.None));
        var scrubbed = CardJson.ById(shown, "text")["value"]!.GetValue<string>();
        Assert.DoesNotContain("07700", scrubbed, StringComparison.Ordinal);

        var first = CardJson.MessageFromInvoke(await hub.PressForAnswerAsync(colleague, shown, DigestVerbs.SendContribution, new() { ["headline"] = "Dementia friends", ["text"] = scrubbed }));
        var second = CardJson.MessageFromInvoke(await hub.PressForAnswerAsync(colleague, shown, DigestVerbs.SendContribution, new() { ["headline"] = "Dementia friends", ["text"] = scrubbed }));

        Assert.Equal((DigestContributing.Thanks, DigestContributing.Thanks), (first, second));
        var stored = Assert.Single(await hub.Contributions.ListWaitingAsync(CancellationToken.None));
        Assert.Equal((colleague.AadObjectId, 0), (stored.ContributorKey, stored.ProposedIn));
#pragma warning disable LB0001 // Reading what was stored.
        Assert.DoesNotContain("07700", stored.Text, StringComparison.Ordinal);
#pragma warning restore LB0001
    }

    [Fact]
    public async Task Two_different_pieces_sent_from_one_card_are_both_stored()
    {
        await using var hub = await StartAsync(azurite);
        var colleague = Colleague();
        var other = Colleague();
        var card = await hub.TypeAsync(colleague, "contribute to the newsletter");

        var first = CardJson.MessageFromInvoke(await hub.PressForAnswerAsync(colleague, card, DigestVerbs.SendContribution, new() { ["headline"] = "Dementia friends", ["text"] = Words(160) }));
        var second = CardJson.MessageFromInvoke(await hub.PressForAnswerAsync(other, card, DigestVerbs.SendContribution, new() { ["headline"] = "Night shift handovers", ["text"] = Words(170) }));

        Assert.Equal((DigestContributing.Thanks, DigestContributing.Thanks), (first, second));
        var stored = await hub.Contributions.ListWaitingAsync(CancellationToken.None);
        Assert.Equal(new[] { (colleague.AadObjectId, 160), (other.AadObjectId, 170) }.Order(), stored.Select(c => (c.ContributorKey, c.Words)).Order());
    }

    [Fact]
    public async Task A_contribution_appears_in_the_next_proposal_once()
    {
        await using var hub = await StartAsync(azurite);
        var id = await DigestProposalTests.ContributeAsync(hub, "What our dementia friends session taught us");

        await hub.TypeAsync(Editor, "start digest");
        await hub.MarkSentAsync(1);
        hub.Clock.Advance(TimeSpan.FromDays(30));
        await hub.TypeAsync(Editor, "start digest");

        var first = (await hub.Editions.FindAsync(1, CancellationToken.None))!;
        var second = (await hub.Editions.FindAsync(2, CancellationToken.None))!;
        var item = Assert.Single(first.Items, item => item.Kind == DigestItemKinds.Contribution);
        Assert.Equal(("What our dementia friends session taught us", id), (item.Shown().Headline, item.SourceId));
        Assert.DoesNotContain(second.Items, item => item.Kind == DigestItemKinds.Contribution);
        Assert.Equal(1, (await hub.Contributions.FindAsync(id, CancellationToken.None))!.ProposedIn);
    }
}
