using LearningBot.Digest;
using LearningBot.FeedbackSignals;
using LearningBot.FiveMinuteReview;
using LearningBot.GoodPractice;
using LearningBot.OneStopShop.Answers;
using LearningBot.Privacy;
using LearningBot.Storage;
using LearningBot.Tests.OneStopShop;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.Digest.DigestHarness;

namespace LearningBot.Tests.Digest;

/// <summary>
/// <c>start digest</c> through the real pipeline: a draft edition proposed from every source, only from the period since
/// the last edition (or the last 30 days), in the newsletter's section order; refused to anyone without the role.
/// </summary>
public sealed class DigestProposalTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.Parse("2026-10-20T10:00:00Z");
    private static readonly DateTimeOffset InPeriod = DateTimeOffset.Parse("2026-11-14T10:00:00Z");
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T14:30:00Z");

    [Fact]
    public async Task A_digest_editor_gets_a_draft_proposed_from_every_source_and_only_from_the_period()
    {
        await using var hub = await StartAsync(azurite, LongAgo);
        await SeedSourcesAsync(hub, "old");
        hub.Clock.Now = InPeriod;
        await SeedSourcesAsync(hub, "new");
        await SeedCoverageAsync(hub, people: 10, reviewed: 5);
        hub.Clock.Now = Now;
        var contribution = await ContributeAsync(hub, "What our dementia friends session taught us");

        var card = await hub.TypeAsync(Editor, "start digest");

        var edition = (await hub.Editions.FindAsync(1, CancellationToken.None))!;
        Assert.Equal((1, DigestStatus.Draft, Editor.AadObjectId, Now.AddDays(-30), Now), (edition.Number, edition.Status, edition.EditorKey, edition.PeriodFrom, edition.PeriodTo));
        Assert.Equal(
            [DigestItemKinds.GoodPractice, DigestItemKinds.YouSaidWeDid, DigestItemKinds.Article, DigestItemKinds.ReviewTip, DigestItemKinds.Contribution],
            edition.Items.Select(item => item.Kind));
        Assert.Equal(["example-new", "alert-new", "article-new", contribution], edition.Items.Where(i => i.Kind != DigestItemKinds.ReviewTip).Select(i => i.SourceId));
        var shown = edition.Items.Select(item => item.Shown()).ToList();
        Assert.Equal("A medicines summary at discharge (new)", shown[0].Headline);
        Assert.Contains("Riverside Community Trust", shown[0].Text, StringComparison.Ordinal);
        Assert.Equal("You said: Medicines", shown[1].Headline);
        Assert.Contains("We did: Medicines rounds training (new)", shown[1].Text, StringComparison.Ordinal);
        Assert.Equal("New: Ceiling hoist refresher (new)", shown[2].Headline);
        Assert.Contains("5 of 10 people (50%) have had a Five Minute Review", shown[3].Text, StringComparison.Ordinal);
        Assert.Contains("Edition 1 (draft)", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Equal(edition.Items.Count * 4, CardJson.Actions(card).Count(a => a["verb"]?.GetValue<string>() is DigestVerbs.Up or DigestVerbs.Down or DigestVerbs.Edit or DigestVerbs.Remove));
        var audit = Assert.Single(await hub.Editions.AuditAsync(1, CancellationToken.None));
        Assert.Equal((Editor.AadObjectId, DigestAuditActions.Created, Now), (audit.Who, audit.Action, audit.When));
    }

    [Fact]
    public async Task The_next_edition_covers_the_period_since_the_last_one()
    {
        await using var hub = await StartAsync(azurite, InPeriod);
        await SeedSourcesAsync(hub, "first");
        await hub.TypeAsync(Editor, "start digest");
        await hub.MarkSentAsync(1);
        hub.Clock.Now = Now;
        await SeedSourcesAsync(hub, "second");

        await hub.TypeAsync(Editor, "start digest");

        var second = (await hub.Editions.FindAsync(2, CancellationToken.None))!;
        Assert.Equal((InPeriod.AddMilliseconds(1), Now), (second.PeriodFrom, second.PeriodTo));
        Assert.Equal(["example-second", "alert-second", "article-second"], second.Items.Where(i => i.Kind != DigestItemKinds.ReviewTip).Select(i => i.SourceId));
    }

    [Fact]
    public async Task The_review_coverage_headline_is_left_out_when_a_count_in_it_is_below_5()
    {
        await using var hub = await StartAsync(azurite, Now);
        await SeedCoverageAsync(hub, people: 12, reviewed: 4);

        await hub.TypeAsync(Editor, "start digest");

        var tip = Assert.Single((await hub.Editions.FindAsync(1, CancellationToken.None))!.Items, item => item.Kind == DigestItemKinds.ReviewTip);
        Assert.StartsWith("Five Minute Review: ", tip.Shown().Headline, StringComparison.Ordinal);
        Assert.DoesNotContain("have had a Five Minute Review", tip.Shown().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("4", tip.Shown().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_without_the_role_is_refused_and_nothing_is_stored()
    {
        await using var hub = await StartAsync(azurite, Now);
        var colleague = Colleague();

        var reply = await hub.TypeForReplyAsync(colleague, "start digest");
        var response = await hub.Bot.PostActivityAsync(TeamsActivities.ExecuteAction(hub.Bot.Connector.ServiceUrl, DigestVerbs.Save,
            new System.Text.Json.Nodes.JsonObject { ["number"] = 1, ["version"] = 1, ["headline"] = "A course" }, colleague.ChatId).From(colleague));
        var pressed = CardJson.MessageFromInvoke(await BotTestHost.ReadJsonAsync(response));

        Assert.Null(reply.Attachments);
        Assert.Equal(DigestFeature.OnlyEditors, reply.Text);
        Assert.Equal(DigestFeature.OnlyEditors, pressed);
        Assert.Empty(await hub.Editions.ListAsync(CancellationToken.None));

        await hub.TypeAsync(SupportTeam, "new digest edition");
        Assert.Single(await hub.Editions.ListAsync(CancellationToken.None));
    }

    /// <summary>An approved example, a "you said, we did" record and a new article, each made now and named after <paramref name="tag"/>.</summary>
    private static async Task SeedSourcesAsync(DigestHarness hub, string tag)
    {
        var now = hub.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        ScrubbedText Scrub(string text) => PersonalDataScrubber.Scrub(text, today);
        var example = GoodPracticeExample.Start($"example-{tag}", "29:kim", "Kim Hart", now)
            .WithStory(Scrub($"A medicines summary at discharge ({tag})"), Scrub("Care homes did not know medicines had changed."), Scrub("A one-page summary."))
            .WithResults(Scrub("Wrong doses in the first week home fell from 14 in 60 to 3 in 60."), ScrubbedText.Empty)
            .WithDetails(GoodPracticeChoices.ContactMe, ScrubbedText.Empty, Scrub("Riverside Community Trust"), "acute-trust", ["medicines"], ScrubbedText.Empty, true, Attributions.OrganisationOnly)
            with { Status = ExampleStatus.Approved, ApprovedAt = now };
        await hub.Bot.Services.GetRequiredService<GoodPracticeStore>().AddAsync(example, CancellationToken.None);

        var alert = new SignalAlert { RowKey = $"alert-{tag}", AlertId = $"alert-{tag}", Theme = "medicines", ServiceArea = "community-nursing", OrganisationKind = "acute-trust" };
        await hub.Bot.Services.GetRequiredService<YouSaidWeDidStore>().RecordAsync(alert, Scrub($"Medicines rounds training ({tag})"), "2026-11", ScrubbedText.Empty, "lead", CancellationToken.None);

        await hub.Bot.Services.GetRequiredService<KnowledgeArticleStore>().SaveAsync(
            KnowledgeFixtures.Article($"article-{tag}", $"Ceiling hoist refresher ({tag})", "Book a refresher with your moving and handling adviser."), "priya.shah", CancellationToken.None);
    }

    /// <summary><paramref name="people"/> people looked after by one manager, the first <paramref name="reviewed"/> reviewed a month ago.</summary>
    private static async Task SeedCoverageAsync(DigestHarness hub, int people, int reviewed)
    {
        var table = await hub.Bot.Services.GetRequiredService<TableStorage>().Table(ReviewStore.TableName).GetAsync(CancellationToken.None);
        var partition = ReviewStore.Partition("manager-1");
        for (var i = 0; i < people; i++)
        {
            var person = $"person-{i}";
            await table.UpsertEntityAsync(new PersonIndexEntity { PartitionKey = partition, RowKey = ReviewStore.PersonKey(person), ManagerId = "manager-1", PersonId = person, Organisation = "Riverside" });
            if (i < reviewed)
            {
                await table.UpsertEntityAsync(new ReviewEntity
                {
                    PartitionKey = partition, RowKey = ReviewStore.ReviewKey($"review-{i}"), ReviewId = $"review-{i}", ManagerId = "manager-1", PersonId = person,
                    Organisation = "Riverside", ConfirmedAt = hub.Clock.GetUtcNow().AddMonths(-1),
                });
            }
        }
    }

    /// <summary>A colleague sends a 200-word piece; its id.</summary>
    internal static async Task<string> ContributeAsync(DigestHarness hub, string headline)
    {
        var colleague = Colleague();
        var card = await hub.TypeAsync(colleague, "contribute to the newsletter");
        await hub.PressForAnswerAsync(colleague, card, DigestVerbs.SendContribution, new() { ["headline"] = headline, ["text"] = DigestContributionTests.Words(200) });
        return CardJson.Actions(card, DigestVerbs.SendContribution)[0]["data"]!["contributionId"]!.GetValue<string>();
    }
}
