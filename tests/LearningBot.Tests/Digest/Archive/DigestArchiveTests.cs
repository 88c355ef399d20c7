using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Digest;
using LearningBot.Digest.Archive;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using static LearningBot.Tests.Digest.DigestHarness;

namespace LearningBot.Tests.Digest.Archive;

/// <summary>
/// The archive through the real bot: past editions (sent only, newest first, a page at a time), opening one by number,
/// searching their items, and the one-stop shop answering with "In the newsletter". Editions are stored through the
/// store and marked sent the way delivery does, with <see cref="DigestEditionStore.ChangeAsync"/>.
/// </summary>
public sealed class DigestArchiveTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly (string Headline, string Text) Mentoring = (
        "Peer mentoring for newly qualified nurses",
        "Three care homes organised mentoring programmes: each newly qualified nurse was paired with an experienced colleague for their first six months, and fewer left in their first year.");

    private static readonly (string Headline, string Text) Passport = (
        "A moving and handling passport recognised by other employers",
        "Home care agencies in the north agreed a shared moving and handling passport, so training done with one employer is recognised by the others.");

    private static readonly (string Headline, string Text) Funding = (
        "Funding for leadership programmes closes on 30 January",
        "Voluntary organisations can apply for a share of the leadership development fund until the end of January.");

    [Fact]
    public async Task Past_editions_lists_only_sent_editions_newest_first_and_opens_them()
    {
        await using var hub = await StartAsync(azurite);
        var first = await EditionAsync(hub, sent: true, Funding);
        var draft = await EditionAsync(hub, sent: false, ("A draft headline nobody has seen", "Draft words about wellbeing rotas that were never sent."));
        var third = await EditionAsync(hub, sent: true, Mentoring, Passport);
        var colleague = Colleague();

        var archive = await hub.TypeAsync(colleague, "past digests");

        var texts = CardJson.Texts(archive);
        Assert.Contains("Editions 1 to 2 of 2, newest first.", texts, StringComparison.Ordinal);
        Assert.True(texts.IndexOf($"Edition {third}", StringComparison.Ordinal) < texts.IndexOf($"Edition {first}", StringComparison.Ordinal));
        Assert.Contains("Sent 2 December 2026", texts, StringComparison.Ordinal);
        Assert.Contains(Mentoring.Headline, texts, StringComparison.Ordinal);
        Assert.DoesNotContain($"Edition {draft}", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("A draft headline nobody has seen", texts, StringComparison.Ordinal);

        var opened = await PressAsync(hub, colleague, archive, DigestArchiveVerbs.OpenEdition, action => action["data"]!["number"]!.GetValue<int>() == third);
        Assert.Contains($"Learning digest: Edition {third}", CardJson.Texts(opened), StringComparison.Ordinal);
        Assert.Contains(Passport.Text, CardJson.Texts(opened), StringComparison.Ordinal);

        var typed = await hub.TypeAsync(colleague, $"digest {first}");
        Assert.Contains($"Learning digest: Edition {first}", CardJson.Texts(typed), StringComparison.Ordinal);
        Assert.Contains($"Learning digest: Edition {first}", CardJson.Texts(await hub.TypeAsync(colleague, $"digest edition {first}")), StringComparison.Ordinal);

        var notSent = await hub.TypeForReplyAsync(colleague, $"digest {draft}");
        Assert.Equal($"Edition {draft} of the digest has not been sent yet. To see the editions sent so far, type **past digests**.", notSent.Text);
        Assert.Empty(notSent.Attachments ?? []);

        var back = await hub.PressAsync(colleague, typed, DigestArchiveVerbs.Archive);
        Assert.Contains("Past editions of the learning digest", CardJson.Texts(back), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_99_when_there_is_no_edition_99_answers_plainly_and_digest_alone_still_opens_the_latest()
    {
        await using var hub = await StartAsync(azurite);
        var colleague = Colleague();

        var reply = await hub.TypeForReplyAsync(colleague, "digest 99");
        Assert.Equal("There is no edition 99 of the digest yet. To see the editions sent so far, type **past digests**.", reply.Text);

        Assert.Contains("No digest has been sent yet.", CardJson.Texts(await hub.TypeAsync(colleague, "digest")), StringComparison.Ordinal);
        var number = await EditionAsync(hub, sent: true, Funding);
        Assert.Contains($"Learning digest: Edition {number}", CardJson.Texts(await hub.TypeAsync(colleague, "digest")), StringComparison.Ordinal);
        Assert.Contains($"Learning digest: Edition {number}", CardJson.Texts(await hub.TypeAsync(colleague, "digest please")), StringComparison.Ordinal);
        Assert.Equal(DigestArchiveFeature.HowToOpen, (await hub.TypeForReplyAsync(colleague, "digest march")).Text);
    }

    [Fact]
    public async Task The_archive_shows_ten_editions_a_page_and_stays_small()
    {
        await using var hub = await StartAsync(azurite);
        for (var i = 0; i < 23; i++)
        {
            await EditionAsync(hub, sent: true, Funding, Mentoring, Passport, (Funding.Headline + " (reminder)", Funding.Text));
        }

        var colleague = Colleague();
        var first = await hub.TypeAsync(colleague, "digest archive");

        Assert.Contains("Editions 1 to 10 of 23, newest first.", CardJson.Texts(first), StringComparison.Ordinal);
        Assert.Equal(10, CardJson.Actions(first, DigestArchiveVerbs.OpenEdition).Count);
        Assert.Equal(23, CardJson.Actions(first, DigestArchiveVerbs.OpenEdition)[0]["data"]!["number"]!.GetValue<int>());
        Assert.Contains("And 1 more item.", CardJson.Texts(first), StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(first.ToJsonString()) < 20 * 1024, "A page of the archive stays well under Teams' 28 KB.");

        var second = await PressAsync(hub, colleague, first, DigestArchiveVerbs.Archive, action => (string?)action["title"] == "Older editions");
        Assert.Contains("Editions 11 to 20 of 23, newest first.", CardJson.Texts(second), StringComparison.Ordinal);
        var third = await PressAsync(hub, colleague, second, DigestArchiveVerbs.Archive, action => (string?)action["title"] == "Older editions");
        Assert.Contains("Editions 21 to 23 of 23, newest first.", CardJson.Texts(third), StringComparison.Ordinal);
        Assert.Null(CardJson.ActionByTitle(third, "Older editions"));
        Assert.Contains("Editions 11 to 20 of 23", CardJson.Texts(await PressAsync(hub, colleague, third, DigestArchiveVerbs.Archive, action => (string?)action["title"] == "Newer editions")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_an_item_by_words_in_its_text_whatever_the_spelling_and_never_a_drafts()
    {
        await using var hub = await StartAsync(azurite);
        var sent = await EditionAsync(hub, sent: true, Funding, Mentoring);
        await EditionAsync(hub, sent: false, ("Mentoring for new managers, still a draft", "Draft: organized mentoring program for managers."));
        var colleague = Colleague();

        var found = await hub.TypeAsync(colleague, "search digest organized mentoring program");

        var texts = CardJson.Texts(found);
        Assert.Contains("In past editions", texts, StringComparison.Ordinal);
        Assert.Contains(Mentoring.Headline, texts, StringComparison.Ordinal);
        Assert.Contains($"Edition {sent}, sent 2 December 2026", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("still a draft", texts, StringComparison.Ordinal);
        var opened = await hub.PressAsync(colleague, found, DigestArchiveVerbs.OpenEdition);
        Assert.Contains($"Learning digest: Edition {sent}", CardJson.Texts(opened), StringComparison.Ordinal);

        var archive = await hub.TypeAsync(colleague, "past digests");
        var boxed = await hub.PressAsync(colleague, archive, DigestArchiveVerbs.Search, new JsonObject { ["words"] = "nurse mentor" });
        Assert.Contains(Mentoring.Headline, CardJson.Texts(boxed), StringComparison.Ordinal);

        var none = await hub.TypeAsync(colleague, "search digest epilepsy rescue medication");
        Assert.Contains("Nothing in the past editions matches that.", CardJson.Texts(none), StringComparison.Ordinal);
        Assert.Contains("Past editions", CardJson.Texts(none), StringComparison.Ordinal);

        var empty = await hub.PressForAnswerAsync(colleague, archive, DigestArchiveVerbs.Search, new JsonObject { ["words"] = "" });
        Assert.Contains("Type a word or two to search for.", empty.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_one_stop_shop_answer_shows_a_matching_newsletter_item_and_an_unrelated_question_shows_none()
    {
        await using var hub = await StartAsync(azurite);
        var number = await EditionAsync(hub, sent: true, Passport, Funding);
        await EditionAsync(hub, sent: false, ("Where to find a mentor, still a draft", "Draft: find a mentor through the learning network."));
        var asker = Colleague();

        var answer = await hub.TypeAsync(asker, "can our moving and handling training be recognised by other employers with a passport");

        Assert.Contains(CardJson.Verbs(answer), verb => verb == "ask.rate");
        Assert.Contains("In the newsletter", CardJson.Texts(answer), StringComparison.Ordinal);
        Assert.Contains(Passport.Headline, CardJson.Texts(answer), StringComparison.Ordinal);
        Assert.Contains($"Edition {number}, sent 2 December 2026", CardJson.Texts(answer), StringComparison.Ordinal);
        Assert.InRange(CardJson.Actions(answer, DigestArchiveVerbs.OpenEdition).Count, 1, 2);
        var opened = await hub.PressAsync(asker, answer, DigestArchiveVerbs.OpenEdition);
        Assert.Contains($"Learning digest: Edition {number}", CardJson.Texts(opened), StringComparison.Ordinal);

        var unrelated = await hub.TypeAsync(asker, "where do I find a mentor");
        Assert.Contains(CardJson.Verbs(unrelated), verb => verb == "ask.rate");
        Assert.DoesNotContain("newsletter", CardJson.Texts(unrelated), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(CardJson.Actions(unrelated, DigestArchiveVerbs.OpenEdition));

        var notSure = await hub.TypeAsync(asker, "what is the dress code for the conference on friday");
        Assert.Contains("I'm not sure I can answer that", CardJson.Texts(notSure), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(notSure, DigestArchiveVerbs.OpenEdition));
    }

    [Fact]
    public async Task The_not_sure_card_shows_what_the_newsletter_mentioned_when_an_item_matches_well()
    {
        await using var hub = await StartAsync(azurite);
        var number = await EditionAsync(hub, sent: true, ("Makaton signing taster sessions", "Makaton signing taster sessions for support workers run at the Harbour Lane hub in February."));
        var asker = Colleague();

        var card = await hub.TypeAsync(asker, "makaton signing taster sessions");

        Assert.Contains("I'm not sure I can answer that", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Contains("The newsletter mentioned this", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Contains($"Edition {number}, sent 2 December 2026", CardJson.Texts(card), StringComparison.Ordinal);
    }

    /// <summary>Presses the first button with this verb that <paramref name="pick"/> picks; the card that came back.</summary>
    private static async Task<JsonObject> PressAsync(DigestHarness hub, TestPerson person, JsonObject card, string verb, Func<JsonObject, bool> pick)
    {
        var action = CardJson.Actions(card, verb).First(pick);
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        var response = await hub.Bot.PostActivityAsync(TeamsActivities.ExecuteAction(hub.Bot.Connector.ServiceUrl, verb, data, person.ChatId).From(person));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }

    /// <summary>Stores an edition of these items, marked sent when <paramref name="sent"/>; its number.</summary>
    private static async Task<int> EditionAsync(DigestHarness hub, bool sent, params (string Headline, string Text)[] items)
    {
        var now = hub.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var draft = DigestEdition.Draft(now.AddDays(-30), now, Editor.AadObjectId,
            [.. items.Select(item => DigestItem.Of(DigestItemKinds.TeamItem, string.Empty, PersonalDataScrubber.Scrub(item.Headline, today, ScrubMarking.Plain),
                PersonalDataScrubber.Scrub(item.Text, today, ScrubMarking.Plain), PersonalDataScrubber.Scrub(string.Empty, today, ScrubMarking.Plain), category: "course"))],
            now);
        var edition = await hub.Editions.CreateDraftAsync(draft, Editor.AadObjectId, CancellationToken.None);
        if (sent)
        {
            await hub.MarkSentAsync(edition.Number);
        }

        // Another look at the archive after its refresh interval reads the table again, as any instance would.
        hub.Clock.Advance(TimeSpan.FromMinutes(1));
        return edition.Number;
    }
}
