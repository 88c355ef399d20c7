using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;
using LearningBot.Digest;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.Digest.DigestHarness;

namespace LearningBot.Tests.Digest;

/// <summary>Reading: the editor's preview, and <c>digest</c> (or the welcome card's button) showing the latest sent edition.</summary>
public sealed class DigestReadingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_fullest_edition_is_read_and_approved_in_a_shorter_form_under_28_KB_that_says_where_all_of_it_is()
    {
        await using var hub = await StartAsync(azurite);
        var today = new DateOnly(2026, 12, 1);
        var items = Enumerable.Range(1, DigestLimits.MaxItems).Select(i => DigestItem.Of(
            DigestItemKinds.TeamItem, string.Empty,
            PersonalDataScrubber.Scrub(LearningBot.Tests.Cards.LargestCardData.LongArticle(DigestLimits.HeadlineLength).Replace('\n', ' '), today),
            PersonalDataScrubber.Scrub(LearningBot.Tests.Cards.LargestCardData.LongArticle(DigestLimits.TextLength), today),
            PersonalDataScrubber.Scrub("https://learning.example.org/" + new string('a', 400), today))).ToList();
        var edition = DigestEdition.Draft(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(30), Editor.AadObjectId, items, DateTimeOffset.UnixEpoch).Numbered(9);

        var read = hub.Bot.Services.GetRequiredService<DigestCards>().Reader(edition, isPreview: false);
        var approval = hub.Bot.Services.GetRequiredService<LearningBot.Digest.Approval.DigestApprovalCards>().Request(edition, [LearningBot.Digest.Approval.DigestApprovalRecord.Everyone]);

        foreach (var reply in new[] { read, approval })
        {
            Assert.True(LearningBot.Tests.Cards.LargestCardData.SizeAsSent(reply.Card) > CardFit.MaxMessageBytes, "30 items of 2,400 characters are far more than a card takes.");
            Assert.InRange(LearningBot.Tests.Cards.LargestCardData.SizeAsSent(reply.Shorter!), 1, CardFit.MaxMessageBytes);
            Assert.Contains("This edition is too long to show in full in Teams", CardJson.Texts(reply.Shorter), StringComparison.Ordinal);
            Assert.Equal(DigestLimits.MaxItems, CardJson.Descendants(reply.Shorter).Count(n => n["text"]?.ToString().EndsWith('…') == true));
        }
    }

    [Fact]
    public async Task Digest_says_plainly_that_none_has_been_sent_and_then_shows_the_latest_sent_edition()
    {
        await using var hub = await StartAsync(azurite);
        var colleague = Colleague();

        var none = await hub.TypeAsync(colleague, "digest");
        Assert.Contains("No digest has been sent yet.", CardJson.Texts(none), StringComparison.Ordinal);

        var card = await hub.TypeAsync(Editor, "start digest");
        var form = await hub.PressAsync(Editor, card, DigestVerbs.Add);
        await hub.PressAsync(Editor, form, DigestVerbs.Save, TeamItem("Learning set for volunteer coordinators", kind: "voluntary-sector", link: "https://learning.example.org/sets"));
        Assert.Contains("No digest has been sent yet.", CardJson.Texts(await hub.TypeAsync(colleague, "digest")), StringComparison.Ordinal);
        await hub.MarkSentAsync(1);

        var typed = await hub.TypeAsync(colleague, "digest");
        var button = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(await hub.Bot.PostActivityAsync(
            TeamsActivities.ExecuteAction(hub.Bot.Connector.ServiceUrl, DigestVerbs.Latest, new JsonObject(), colleague.ChatId).From(colleague))));

        var texts = CardJson.Texts(typed);
        Assert.Contains("Learning digest: Edition 1", texts, StringComparison.Ordinal);
        Assert.Contains("In this edition", texts, StringComparison.Ordinal);
        Assert.Contains("Dates and courses", texts, StringComparison.Ordinal);
        Assert.Contains("Course. For: Voluntary sector", texts, StringComparison.Ordinal);
        Assert.Contains("More: learning.example.org/sets", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("Preview", texts, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(typed, button));
    }

    [Fact]
    public async Task The_preview_shows_the_draft_as_readers_will_see_it_with_a_way_back()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.TypeAsync(Editor, "start digest");

        var preview = await hub.PressAsync(Editor, card, DigestVerbs.Preview);

        Assert.Contains("Preview: this is exactly what readers will see. It has not been sent.", CardJson.Texts(preview), StringComparison.Ordinal);
        Assert.Contains("Five Minute Review tip", CardJson.Texts(preview), StringComparison.Ordinal);
        var back = await hub.PressAsync(Editor, preview, DigestVerbs.Open);
        Assert.Contains("Edition 1 (draft)", CardJson.Texts(back), StringComparison.Ordinal);
    }
}
