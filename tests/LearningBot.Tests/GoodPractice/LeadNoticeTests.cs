using System.Text.Json.Nodes;
using LearningBot.GoodPractice;
using LearningBot.GoodPractice.LeadNotices;
using LearningBot.Leads;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.GoodPractice.GoodPracticeHarness;

namespace LearningBot.Tests.GoodPractice;

/// <summary>
/// Leads hearing of approved examples through the real pipeline: who hears (by topic), at once or in the weekly bundle,
/// never twice, never of a declined example; their reactions, which count only from someone who was told; and the
/// spread counts the board sees. The examples shared are about medicines and handover, from an acute trust.
/// </summary>
public sealed class LeadNoticeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string[] Medicines = ["medicines"];

    private LeadNoticeScenario _scenario = null!;

    private GoodPracticeHarness Hub => _scenario.Hub;

    public async Task InitializeAsync() => _scenario = await LeadNoticeScenario.StartAsync(azurite);

    public async Task DisposeAsync() => await Hub.DisposeAsync();

    [Fact]
    public async Task A_lead_with_matching_topics_gets_exactly_one_bundle_with_the_example_and_a_lead_without_does_not()
    {
        _scenario.InWeek(1);
        var ann = await _scenario.AddLeadAsync("Ann Weekly", "primary-care", Medicines, AlertPreferences.Weekly);
        var ben = await _scenario.AddLeadAsync("Ben Dementia", "acute-trust", ["dementia"], AlertPreferences.Weekly);
        var id = await _scenario.ApproveAsync(ann);

        Assert.Empty(_scenario.BundlesFor(ann));
        Assert.Empty(_scenario.AlertsFor(ann));
        _scenario.AtBundleTime();
        await _scenario.Bundle.SendDueAsync(CancellationToken.None);
        await _scenario.Bundle.SendDueAsync(CancellationToken.None);

        var bundle = Assert.Single(_scenario.BundlesFor(ann));
        var card = CardJson.Of(bundle.Message);
        Assert.Contains(id, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Good practice for you this week", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Contains("Riverside Community Trust", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Equal(
            [LeadNoticeVerbs.Useful, LeadNoticeVerbs.TryingToo, LeadNoticeVerbs.Save, LeadNoticeVerbs.NotForMe],
            CardJson.Verbs(card));
        Assert.Empty(_scenario.BundlesFor(ben));
        Assert.Null(await _scenario.Notices.FindAsync(ben.AadObjectId, id, CancellationToken.None));
        Assert.NotNull((await _scenario.Notices.FindAsync(ann.AadObjectId, id, CancellationToken.None))!.SentAt);
    }

    [Fact]
    public async Task A_straight_away_lead_gets_one_card_at_once_and_can_save_it_for_later()
    {
        _scenario.InWeek(2);
        var cat = await _scenario.AddLeadAsync("Cat Now", "acute-trust", Medicines, AlertPreferences.StraightAway);
        var id = await _scenario.ApproveAsync(cat);

        var alert = Assert.Single(_scenario.AlertsFor(cat));
        Assert.Equal($"{cat.AadObjectId}|{id}", alert.IdempotencyKey);
        _scenario.AtBundleTime();
        await _scenario.Bundle.SendDueAsync(CancellationToken.None);
        Assert.Empty(_scenario.BundlesFor(cat));

        var saved = CardJson.FromInvoke(await _scenario.ReactAsync(cat, LeadNoticeVerbs.Save, id));
        Assert.Contains("Recorded: saved", CardJson.Texts(saved), StringComparison.Ordinal);
        var useful = CardJson.FromInvoke(await _scenario.ReactAsync(cat, LeadNoticeVerbs.Useful, id));
        Assert.Contains("you found it useful; saved", CardJson.Texts(useful), StringComparison.Ordinal);
        var list = await Hub.TypeAsync(cat, "my saved practice");
        Assert.Contains("Your saved good practice", CardJson.Texts(list), StringComparison.Ordinal);
        Assert.Contains(id, list.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_example_never_reaches_anyone()
    {
        _scenario.InWeek(3);
        var dee = await _scenario.AddLeadAsync("Dee Now", "acute-trust", Medicines, AlertPreferences.StraightAway);
        var eve = await _scenario.AddLeadAsync("Eve Weekly", "acute-trust", Medicines, AlertPreferences.Weekly);
        var kim = Contributor();
        var id = await Hub.ShareAsync(kim);
        var form = await Hub.PressTitledAsync(Editor, await Hub.PostedCardAsync(id), "Decline");
        await Hub.PressAsync(Editor, form, GoodPracticeVerbs.Decline, new JsonObject { [ShareInputs.Note] = "This is a product advert rather than practice." });
        Assert.True(await Eventually.TrueAsync(() => Hub.CardsSentTo(kim).Any(c => CardJson.Texts(c).Contains("will not be shared", StringComparison.Ordinal))));

        _scenario.AtBundleTime();
        await _scenario.Bundle.SendDueAsync(CancellationToken.None);

        Assert.Empty(_scenario.CardsAbout(dee, id));
        Assert.Empty(_scenario.CardsAbout(eve, id));
        Assert.Empty(await _scenario.Notices.OfAsync(dee.AadObjectId, CancellationToken.None));
        Assert.Empty(await _scenario.Notices.OfAsync(eve.AadObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task A_lead_never_gets_the_same_example_twice()
    {
        _scenario.InWeek(4);
        var fay = await _scenario.AddLeadAsync("Fay Weekly", "acute-trust", Medicines, AlertPreferences.Weekly);
        var gus = await _scenario.AddLeadAsync("Gus Now", "acute-trust", Medicines, AlertPreferences.StraightAway);
        var id = await _scenario.ApproveAsync(fay);
        var notifier = Hub.Bot.Services.GetRequiredService<LeadNotifier>();
        var example = (await Hub.Examples.FindAsync(id, CancellationToken.None))!;

        // The approval's outbox row delivered again (a retry, or another instance), and the bundle job in two weeks.
        await notifier.NotifyAsync(example, CancellationToken.None);
        _scenario.AtBundleTime();
        await _scenario.Bundle.SendDueAsync(CancellationToken.None);
        await notifier.NotifyAsync(example, CancellationToken.None);
        Hub.Clock.Advance(TimeSpan.FromDays(7));
        await _scenario.Bundle.SendDueAsync(CancellationToken.None);

        Assert.Single(_scenario.CardsAbout(fay, id));
        Assert.Single(_scenario.CardsAbout(gus, id));
        Assert.Single(await _scenario.Notices.OfAsync(fay.AadObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task Not_for_me_changes_what_that_lead_receives_next()
    {
        _scenario.InWeek(6);
        var hal = await _scenario.AddLeadAsync("Hal Now", "acute-trust", ["medicines", "end-of-life"], AlertPreferences.StraightAway);
        var ida = await _scenario.AddLeadAsync("Ida Now", "acute-trust", ["medicines", "end-of-life"], AlertPreferences.StraightAway);
        var first = await _scenario.ApproveAsync(hal);

        var pressed = CardJson.FromInvoke(await _scenario.ReactAsync(hal, LeadNoticeVerbs.NotForMe, first));
        Assert.Contains("Not for you", CardJson.Texts(pressed), StringComparison.Ordinal);
        Assert.Contains("you will hear less about medicines", CardJson.Texts(pressed), StringComparison.Ordinal);
        var second = await _scenario.ApproveAsync(ida);

        // The notice row is written before its delivery starts: wait for the card, not only the row.
        Assert.True(await Eventually.TrueAsync(() => _scenario.CardsAbout(ida, second).Count == 1), "Ida was never sent the second example.");
        Assert.Empty(_scenario.CardsAbout(hal, second));
        Assert.Null(await _scenario.Notices.FindAsync(hal.AadObjectId, second, CancellationToken.None));
        Assert.Equal(["medicines", "handover-between-organisations"], await _scenario.Notices.LessWantedAsync(hal.AadObjectId, CancellationToken.None));

        var undone = await Hub.PressAsync(hal, pressed, LeadNoticeVerbs.WantAgain);
        Assert.DoesNotContain("Not for you", CardJson.Texts(undone), StringComparison.Ordinal);
        var third = await _scenario.ApproveAsync(hal);
        Assert.True(await Eventually.TrueAsync(() => _scenario.CardsAbout(hal, third).Count == 1), "Hal was never sent the third example.");
    }

    [Fact]
    public async Task Trying_this_too_counts_once_per_person_and_the_board_sees_small_counts_only_as_fewer_than_5()
    {
        _scenario.InWeek(7);
        var acute = new List<TestPerson>();
        for (var i = 0; i < 5; i++)
        {
            acute.Add(await _scenario.AddLeadAsync($"Acute Lead {i}", "acute-trust", Medicines, AlertPreferences.StraightAway));
        }

        var council = await _scenario.AddLeadAsync("Council Lead", "council", Medicines, AlertPreferences.StraightAway);
        var id = await _scenario.ApproveAsync(council);
        await Task.WhenAll(acute.Select(lead => Eventually.TrueAsync(async () => await _scenario.Notices.FindAsync(lead.AadObjectId, id, CancellationToken.None) is not null)));

        foreach (var lead in acute.Append(council))
        {
            var answer = CardJson.FromInvoke(await _scenario.ReactAsync(lead, LeadNoticeVerbs.TryingToo, id));
            Assert.Contains(LeadNoticeFeature.ThanksForTrying, CardJson.Texts(answer), StringComparison.Ordinal);
        }

        await _scenario.ReactAsync(council, LeadNoticeVerbs.TryingToo, id);

        var spread = (await _scenario.Notices.SpreadAsync(CancellationToken.None)).Where(s => s.ExampleId == id).ToList();
        Assert.Equal(6, spread.Count);
        var board = CardJson.Texts(await Hub.TypeAsync(LeadNoticeScenario.Board, "good practice spread"));
        Assert.Contains("Acute hospital trust\n5", board, StringComparison.Ordinal);
        Assert.Contains("City council (adult or children's social care)\nfewer than 5", board, StringComparison.Ordinal);
        Assert.Contains("Trying this too: at least 5", board, StringComparison.Ordinal);
        var team = CardJson.Texts(await Hub.TypeAsync(SupportTeam, "good practice spread"));
        Assert.Contains("City council (adult or children's social care)\n1", team, StringComparison.Ordinal);
        Assert.Contains("Trying this too: 6", team, StringComparison.Ordinal);
        Assert.Equal(LeadNoticeFeature.SpreadOnlyFor, await Hub.TypeForTextAsync(council, "good practice spread"));
    }

    [Fact]
    public async Task Someone_without_a_notice_pressing_a_reaction_is_refused_and_nothing_changes()
    {
        _scenario.InWeek(8);
        var jo = await _scenario.AddLeadAsync("Jo Now", "acute-trust", Medicines, AlertPreferences.StraightAway);
        var kit = await _scenario.AddLeadAsync("Kit Dementia", "acute-trust", ["dementia"], AlertPreferences.StraightAway);
        var id = await _scenario.ApproveAsync(jo);
        var stranger = Contributor();

        foreach (var person in new[] { stranger, kit })
        {
            foreach (var verb in new[] { LeadNoticeVerbs.Useful, LeadNoticeVerbs.TryingToo, LeadNoticeVerbs.Save, LeadNoticeVerbs.NotForMe })
            {
                Assert.Equal(LeadNoticeFeature.NotYours, CardJson.MessageFromInvoke(await _scenario.ReactAsync(person, verb, id)));
            }
        }

        Assert.DoesNotContain(await _scenario.Notices.SpreadAsync(CancellationToken.None), s => s.ExampleId == id);
        Assert.Empty(await _scenario.Notices.LessWantedAsync(kit.AadObjectId, CancellationToken.None));
        Assert.Null(await _scenario.Notices.FindAsync(kit.AadObjectId, id, CancellationToken.None));
        var joNotice = (await _scenario.Notices.FindAsync(jo.AadObjectId, id, CancellationToken.None))!;
        Assert.False(joNotice.Useful || joNotice.Saved || joNotice.TryingToo || joNotice.NotForMe);
    }

    [Fact]
    public async Task Reactions_to_an_example_retired_since_are_refused_in_plain_words_and_record_nothing()
    {
        _scenario.InWeek(9);
        var lee = await _scenario.AddLeadAsync("Lee Now", "acute-trust", Medicines, AlertPreferences.StraightAway);
        var id = await _scenario.ApproveAsync(lee);
        await _scenario.ReactAsync(lee, LeadNoticeVerbs.Save, id);
        await _scenario.RetireAsync(id);

        foreach (var (verb, bundle) in new[]
        {
            (LeadNoticeVerbs.Useful, LeadNotice.StraightAway), (LeadNoticeVerbs.TryingToo, LeadNotice.StraightAway),
            (LeadNoticeVerbs.NotForMe, LeadNotice.StraightAway), (LeadNoticeVerbs.TryingToo, LeadNoticeVerbs.SavedList),
        })
        {
            var answer = CardJson.FromInvoke(await _scenario.ReactAsync(lee, verb, id, bundle));
            Assert.Equal(LeadNoticeFeature.RetiredNoResponses, CardJson.ById(answer, "notice")["text"]!.GetValue<string>());
            Assert.Contains("no longer collecting responses", CardJson.Texts(answer), StringComparison.Ordinal);
            Assert.Empty(CardJson.Verbs(answer));
        }

        var notice = (await _scenario.Notices.FindAsync(lee.AadObjectId, id, CancellationToken.None))!;
        Assert.Equal((false, false, false, true), (notice.Useful, notice.TryingToo, notice.NotForMe, notice.Saved));
        Assert.DoesNotContain(await _scenario.Notices.SpreadAsync(CancellationToken.None), s => s.ExampleId == id);
        Assert.Empty(await _scenario.Notices.LessWantedAsync(lee.AadObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task A_saved_example_retired_since_stays_in_my_saved_practice_marked_and_without_its_buttons()
    {
        _scenario.InWeek(10);
        var max = await _scenario.AddLeadAsync("Max Now", "acute-trust", Medicines, AlertPreferences.StraightAway);
        var id = await _scenario.ApproveAsync(max);
        await _scenario.ReactAsync(max, LeadNoticeVerbs.Save, id);
        await _scenario.RetireAsync(id);

        var list = await Hub.TypeAsync(max, "my saved practice");

        Assert.Contains("Your saved good practice", CardJson.Texts(list), StringComparison.Ordinal);
        Assert.Contains("Examples retired since stay here, marked", CardJson.Texts(list), StringComparison.Ordinal);
        Assert.Contains($"Retired on {Day(Hub.Clock.Now)}: no longer collecting responses.", CardJson.Texts(list), StringComparison.Ordinal);
        Assert.Empty(CardJson.Verbs(list));
    }

    [Fact]
    public async Task An_example_retired_since_offers_no_way_to_contact_its_author()
    {
        _scenario.InWeek(5);
        var ana = await _scenario.AddLeadAsync("Ana Now", "acute-trust", Medicines, AlertPreferences.StraightAway);
        var id = await _scenario.ApproveAsync(ana);
        await _scenario.ReactAsync(ana, LeadNoticeVerbs.Save, id);
        Assert.Contains("contact the author", CardJson.Texts(await Hub.TypeAsync(ana, "my saved practice")), StringComparison.OrdinalIgnoreCase);
        await _scenario.RetireAsync(id);

        var list = await Hub.TypeAsync(ana, "my saved practice");
        var refused = CardJson.FromInvoke(await _scenario.ReactAsync(ana, LeadNoticeVerbs.Useful, id));

        foreach (var card in new[] { list, refused })
        {
            Assert.Contains("no longer collecting responses", CardJson.Texts(card), StringComparison.Ordinal);
            Assert.DoesNotContain("contact the author", CardJson.Texts(card), StringComparison.OrdinalIgnoreCase);
            Assert.Null(CardJson.ActionByTitle(card, "Contact the author"));
        }
    }

    [Fact]
    public async Task The_board_sees_a_retired_example_last_and_marked_with_only_what_was_counted_before_it_was_retired()
    {
        _scenario.InWeek(11);
        var leads = new List<TestPerson>();
        for (var i = 0; i < 5; i++)
        {
            leads.Add(await _scenario.AddLeadAsync($"Spread Lead {i}", "acute-trust", Medicines, AlertPreferences.StraightAway));
        }

        var id = await _scenario.ApproveAsync(leads[^1]);
        await Task.WhenAll(leads.Select(lead => Eventually.TrueAsync(async () => await _scenario.Notices.FindAsync(lead.AadObjectId, id, CancellationToken.None) is not null)));
        foreach (var lead in leads)
        {
            await _scenario.ReactAsync(lead, LeadNoticeVerbs.TryingToo, id);
        }

        await _scenario.RetireAsync(id);
        // A press that was under way when the example was retired, written just after.
        await _scenario.Notices.CountSpreadAsync(PracticeSpread.Of(id, "late-presser", "council", Hub.Clock.Now), CancellationToken.None);

        foreach (var person in new[] { LeadNoticeScenario.Board, SupportTeam })
        {
            var card = await Hub.TypeAsync(person, "good practice spread");
            var lines = CardJson.Descendants(card).Where(n => CardJson.Type(n) == "Container").ToList();
            var retired = Assert.Single(lines, n => CardJson.Texts(n).Contains("Retired on", StringComparison.Ordinal));
            Assert.Same(lines[^1], retired);
            Assert.Contains("Trying this too: 5", CardJson.Texts(retired), StringComparison.Ordinal);
            Assert.Contains("Acute hospital trust\n5", CardJson.Texts(retired), StringComparison.Ordinal);
            Assert.DoesNotContain("City council", CardJson.Texts(retired), StringComparison.Ordinal);
            Assert.Contains("Examples retired since are listed last, marked", CardJson.Texts(card), StringComparison.Ordinal);
        }
    }

    private static string Day(DateTimeOffset at) => LearningBot.Cards.DateBounds.InWordsOf(LearningBot.Calendar.UkTime.Today(at));
}
