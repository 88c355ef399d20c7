using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Digest;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.Digest.DigestHarness;

namespace LearningBot.Tests.Digest;

/// <summary>
/// The editor's card through the real pipeline: adding, editing, moving and removing items, each press saved at the
/// card's version and answered with the updated card; double presses change once; an older card changes nothing.
/// </summary>
public sealed class DigestEditingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_editor_adds_moves_edits_and_removes_items_and_every_change_is_audited()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.TypeAsync(Editor, "start digest");
        var tip = (await hub.HeadlinesAsync(1)).Single();

        card = await AddAsync(hub, card, TeamItem("Moving and handling refresher", link: "https://learning.example.org/hoists"));
        card = await AddAsync(hub, card, TeamItem("Learning set for volunteer coordinators", kind: "voluntary-sector"));
        Assert.Equal(["Moving and handling refresher", "Learning set for volunteer coordinators", tip], await hub.HeadlinesAsync(1));

        var ids = (await hub.Editions.FindAsync(1, CancellationToken.None))!.Items.Select(item => item.Id).ToList();
        card = await hub.PressAsync(Editor, card, DigestVerbs.Down, itemId: ids[0]);
        Assert.Equal(["Learning set for volunteer coordinators", "Moving and handling refresher", tip], await hub.HeadlinesAsync(1));
        card = await hub.PressAsync(Editor, card, DigestVerbs.Up, itemId: ids[2]);
        Assert.Equal(["Learning set for volunteer coordinators", tip, "Moving and handling refresher"], await hub.HeadlinesAsync(1));

        var form = await hub.PressAsync(Editor, card, DigestVerbs.Edit, itemId: ids[1]);
        Assert.Equal("voluntary-sector", CardJson.ById(form, "organisationKind")["value"]!.GetValue<string>());
        card = await hub.PressAsync(Editor, form, DigestVerbs.Save, new() { ["headline"] = "Learning set: places left", ["text"] = "Two places left for January.", ["link"] = "", ["organisationKind"] = "voluntary-sector" });
        card = await hub.PressAsync(Editor, card, DigestVerbs.Remove, itemId: ids[0]);

        Assert.Equal(["Learning set: places left", tip], await hub.HeadlinesAsync(1));
        var edition = (await hub.Editions.FindAsync(1, CancellationToken.None))!;
        Assert.Equal((7, "voluntary-sector", "Two places left for January."), (edition.Version, edition.Items[0].OrganisationKind, edition.Items[0].Shown().Text));
        Assert.Equal(7, VersionOf(card));
        Assert.Contains("For: Voluntary sector", CardJson.Texts(card), StringComparison.Ordinal);
        var audit = await hub.Editions.AuditAsync(1, CancellationToken.None);
        Assert.Equal(
            [DigestAuditActions.Created, DigestAuditActions.Added, DigestAuditActions.Added, DigestAuditActions.Moved, DigestAuditActions.Moved, DigestAuditActions.Edited, DigestAuditActions.Removed],
            audit.Select(line => line.Action));
        Assert.All(audit, line => Assert.Equal(Editor.AadObjectId, line.Who));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], audit.Select(line => line.Version));
    }

    [Fact]
    public async Task A_double_press_changes_once_and_a_press_from_an_older_card_changes_nothing()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.TypeAsync(Editor, "start digest");
        var form = await hub.PressAsync(Editor, card, DigestVerbs.Add);

        var added = await hub.PressAsync(Editor, form, DigestVerbs.Save, TeamItem("Funding for leadership courses closes on 31 January"));
        var again = await hub.PressAsync(Editor, form, DigestVerbs.Save, TeamItem("Funding for leadership courses closes on 31 January"));

        Assert.Equal(2, (await hub.HeadlinesAsync(1)).Count);
        Assert.Equal((2, 2), (VersionOf(added), VersionOf(again)));
        Assert.DoesNotContain(DigestEditing.ConflictNote, CardJson.Texts(again), StringComparison.Ordinal);

        var first = (await hub.Editions.FindAsync(1, CancellationToken.None))!.Items[0].Id;
        var moved = await hub.PressAsync(Editor, added, DigestVerbs.Down, itemId: first);
        var movedAgain = await hub.PressAsync(Editor, added, DigestVerbs.Down, itemId: first);
        Assert.Equal((3, 3), (VersionOf(moved), VersionOf(movedAgain)));
        Assert.Equal(first, (await hub.Editions.FindAsync(1, CancellationToken.None))!.Items[1].Id);

        var stale = await hub.PressAsync(Editor, added, DigestVerbs.Remove, itemId: first);

        Assert.Contains(DigestEditing.ConflictNote, CardJson.Texts(stale), StringComparison.Ordinal);
        Assert.Equal(3, VersionOf(stale));
        var edition = (await hub.Editions.FindAsync(1, CancellationToken.None))!;
        Assert.Equal((3, 2), (edition.Version, edition.Items.Count));
        Assert.Equal(3, (await hub.Editions.AuditAsync(1, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task An_item_is_shown_scrubbed_before_it_is_saved_and_a_link_must_be_https()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.TypeAsync(Editor, "start digest");
        var form = await hub.PressAsync(Editor, card, DigestVerbs.Add);

        var notLink = await hub.PressAsync(Editor, form, DigestVerbs.Save, TeamItem("Hoist course", link: "http://learning.example.org"));
        var item = TeamItem("Hoist course");
        item["text"] = "Ask Jo on 07700 900123 for a place on the hoist course.";
        var shown = await hub.PressAsync(Editor, form, DigestVerbs.Save, item);

        Assert.Contains("Please give a web address starting https://", CardJson.Texts(notLink), StringComparison.Ordinal);
        Assert.Contains("I removed a phone number", CardJson.Texts(shown), StringComparison.Ordinal);
        Assert.Single(await hub.HeadlinesAsync(1));
        item["text"] = CardJson.ById(shown, "text")["value"]!.GetValue<string>();

        var saved = await hub.PressAsync(Editor, shown, DigestVerbs.Save, item);

        Assert.Equal(2, VersionOf(saved));
        var stored = (await hub.Editions.FindAsync(1, CancellationToken.None))!.Items[0].Shown().Text;
        Assert.DoesNotContain("07700", stored, StringComparison.Ordinal);
        Assert.Contains("for a place on the hoist course", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editors_card_with_20_long_items_stays_well_under_28_KB_a_page()
    {
        await using var hub = await StartAsync(azurite);
        var today = new DateOnly(2026, 12, 2);
        var items = Enumerable.Range(1, 20).Select(i => DigestItem.Of(DigestItemKinds.TeamItem, string.Empty,
            PersonalDataScrubber.Scrub($"Item {i}: " + new string('h', DigestLimits.HeadlineLength), today),
            PersonalDataScrubber.Scrub(string.Join(' ', Enumerable.Repeat("Learning sets meet monthly.", 85)), today),
            PersonalDataScrubber.Scrub("https://learning.example.org/" + new string('l', 400), today), "voluntary-sector", "course")).ToList();
        var edition = await hub.Editions.CreateDraftAsync(DigestEdition.Draft(hub.Clock.GetUtcNow().AddDays(-30), hub.Clock.GetUtcNow(), Editor.AadObjectId, items, hub.Clock.GetUtcNow()), Editor.AadObjectId, CancellationToken.None);
        var cards = hub.Bot.Services.GetRequiredService<DigestCards>();

        var pages = Enumerable.Range(1, DigestCards.PagesOf(edition)).Select(page => cards.Edition(edition, page)).ToList();

        Assert.Equal(3, pages.Count);
        Assert.All(pages, page => Assert.True(Encoding.UTF8.GetByteCount(page.ToJsonString()) < 20 * 1024, $"{Encoding.UTF8.GetByteCount(page.ToJsonString())} bytes"));
        Assert.Equal(20, pages.Sum(page => CardJson.Actions(page, DigestVerbs.Remove).Count));
        Assert.Contains("Items 9 to 16 of 20", CardJson.Texts(await LaterAsync(hub, pages[0])), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> LaterAsync(DigestHarness hub, JsonObject card)
    {
        var later = CardJson.Actions(card, DigestVerbs.Open).Single(a => a["title"]!.GetValue<string>() == "Later items");
        var response = await hub.Bot.PostActivityAsync(TeamsActivities.ExecuteAction(hub.Bot.Connector.ServiceUrl, DigestVerbs.Open, later["data"]!.DeepClone().AsObject(), Editor.ChatId).From(Editor));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }

    private static async Task<JsonObject> AddAsync(DigestHarness hub, JsonObject card, JsonObject answers) =>
        await hub.PressAsync(Editor, await hub.PressAsync(Editor, card, DigestVerbs.Add), DigestVerbs.Save, answers);
}
