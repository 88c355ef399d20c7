using System.Text.Json.Nodes;
using LearningBot.Digest;
using LearningBot.Digest.Print;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.Digest.Print.PrintHarness;

namespace LearningBot.Tests.Digest.Print;

/// <summary>The print pack that follows sending, "Printed and put up", and paper reach.</summary>
public sealed class DigestPrintPackTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Each_learning_lead_and_volunteer_coordinator_gets_one_print_pack_even_when_the_hook_runs_twice()
    {
        await using var hub = await StartAsync(azurite);
        var edition = await SentAsync(hub);
        var hook = HookOf(hub);

        await hook.EditionSentAsync(edition, CancellationToken.None);
        await hook.EditionSentAsync(edition, CancellationToken.None);

        var packs = hub.Deliveries.Started.Where(request => request.Purpose == DigestPrintPack.Purpose).ToList();
        var recipients = packs.SelectMany(request => request.Recipients).Select(r => r.Key).ToList();
        Assert.Equal(recipients.Distinct().Count(), recipients.Count);
        Assert.Equal(8, recipients.Count); // the seven L&D leads of the who's who and the one volunteer coordinator
        Assert.Contains(PrimaryCareLead.AadObjectId, recipients);
        Assert.Contains(CoordinatorKey, recipients);
        Assert.DoesNotContain("6f2a8b5c-93a4-40b7-a1d2-5e7f8a9b0c16", recipients); // a staff nurse: neither

        var toCoordinator = CardJson.Of(packs.Single(p => p.Recipients.Single().Key == CoordinatorKey).Message);
        var texts = CardJson.Texts(toCoordinator);
        Assert.Contains($"Edition {edition.Number} is ready to print", texts, StringComparison.Ordinal);
        Assert.Contains("Suggested 5 copies for Harbour Lane Community Trust.", texts, StringComparison.Ordinal);
        Assert.Contains($"Large print: learning.example.org/digest/editions/{edition.Number}/print?size=large", texts, StringComparison.Ordinal);
        Assert.Equal($"{BaseUrl}/digest/editions/{edition.Number}/print", Links.OpenUrl(toCoordinator, "Open the print edition")!["url"]!.GetValue<string>());
        Assert.NotNull(CardJson.ActionByTitle(toCoordinator, "Printed and put up"));
    }

    [Fact]
    public async Task No_print_pack_goes_out_for_an_edition_that_is_not_sent()
    {
        await using var hub = await StartAsync(azurite);
        var number = await hub.DraftAsync(PrintSample.Items);

        await HookOf(hub).EditionSentAsync(await hub.EditionAsync(number), CancellationToken.None);

        Assert.DoesNotContain(hub.Deliveries.Started, request => request.Purpose == DigestPrintPack.Purpose);
    }

    [Fact]
    public async Task A_lead_who_presses_printed_and_put_up_twice_is_recorded_once_with_the_first_count()
    {
        await using var hub = await StartAsync(azurite);
        var edition = await SentAsync(hub);
        await HookOf(hub).EditionSentAsync(edition, CancellationToken.None);
        var card = PackCardOf(hub, PrimaryCareLead.AadObjectId);

        var first = await PressAsync(hub, PrimaryCareLead, card, copies: "30");
        var second = await PressAsync(hub, PrimaryCareLead, card, copies: "45");

        Assert.Contains($"Recorded: 30 copies of edition {edition.Number} printed and put up for Riverside Primary Care Partnership on 2 December 2026.", CardJson.Texts(first), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(first, DigestPrintFeature.PutUpVerb));
        Assert.Contains("Recorded: 30 copies", CardJson.Texts(second), StringComparison.Ordinal);
        var stored = await hub.Bot.Services.GetRequiredService<DigestPrintPackStore>().FindAsync(edition.Number, PrimaryCareLead.AadObjectId, CancellationToken.None);
        Assert.Equal((30, PrimaryCareLead.AadObjectId, hub.Clock.GetUtcNow()), (stored!.PutUpCopies, stored.PutUpBy, stored.PutUpAt!.Value));
    }

    [Fact]
    public async Task Rejects_printed_and_put_up_from_someone_the_pack_was_not_sent_to_and_a_count_out_of_range()
    {
        await using var hub = await StartAsync(azurite);
        var edition = await SentAsync(hub);
        await HookOf(hub).EditionSentAsync(edition, CancellationToken.None);
        var card = PackCardOf(hub, PrimaryCareLead.AadObjectId);
        var stranger = DigestHarness.Colleague();

        var refused = await PressForAnswerAsync(hub, stranger, card, copies: "30");
        var tooMany = CardJson.FromInvoke(await PressForAnswerAsync(hub, PrimaryCareLead, card, copies: "100000"));

        Assert.Equal(DigestPrintFeature.NotYours, CardJson.MessageFromInvoke(refused));
        Assert.Contains("Please give the number of copies you put up, from 1 to 2000.", CardJson.Texts(tooMany), StringComparison.Ordinal);
        var stored = await hub.Bot.Services.GetRequiredService<DigestPrintPackStore>().FindAsync(edition.Number, PrimaryCareLead.AadObjectId, CancellationToken.None);
        Assert.False(stored!.IsPutUp);
    }

    [Fact]
    public async Task Paper_reach_suppresses_counts_below_5_for_editors_outside_the_support_team()
    {
        await using var hub = await StartAsync(azurite);
        var edition = await SentAsync(hub);
        await HookOf(hub).EditionSentAsync(edition, CancellationToken.None);
        await PressAsync(hub, PrimaryCareLead, PackCardOf(hub, PrimaryCareLead.AadObjectId), copies: "3");

        var editor = CardJson.Texts(await DigestPrintPageTests.TypeAsync(hub, DigestHarness.Editor, $"digest paper reach {edition.Number}"));
        var team = CardJson.Texts(await DigestPrintPageTests.TypeAsync(hub, DigestHarness.SupportTeam, $"digest paper reach {edition.Number}"));
        var colleague = await TypeForTextAsync(hub, DigestHarness.Colleague(), $"digest paper reach {edition.Number}");

        Assert.Contains("Riverside Primary Care Partnership: fewer than 5 copies put up at fewer than 5 bases", editor, StringComparison.Ordinal);
        Assert.DoesNotContain("3 copies", editor, StringComparison.Ordinal);
        Assert.Contains("Print packs sent: 8 packs; recorded as put up: fewer than 5 packs.", editor, StringComparison.Ordinal);
        Assert.Contains("Riverside Primary Care Partnership: 3 copies put up at 1 base", team, StringComparison.Ordinal);
        Assert.Equal(DigestFeature.OnlyEditors, colleague);
    }

    private static async Task<DigestEdition> SentAsync(PrintHarness hub)
    {
        var number = await hub.DraftAsync(PrintSample.Items);
        await hub.SetStatusAsync(number, DigestStatus.Sent);
        return await hub.EditionAsync(number);
    }

    private static IDigestEditionSent HookOf(PrintHarness hub) =>
        hub.Bot.Services.GetServices<IDigestEditionSent>().OfType<DigestPrintPack>().Single();

    private static JsonObject PackCardOf(PrintHarness hub, string personKey) =>
        CardJson.Of(hub.Deliveries.Started.Single(r => r.Purpose == DigestPrintPack.Purpose && r.Recipients.Single().Key == personKey).Message);

    private static async Task<JsonObject> PressForAnswerAsync(PrintHarness hub, TestPerson person, JsonObject card, string copies)
    {
        var data = CardJson.Actions(card, DigestPrintFeature.PutUpVerb).Single()["data"]!.DeepClone().AsObject();
        data["copies"] = copies;
        var response = await hub.Bot.PostActivityAsync(TeamsActivities.ExecuteAction(hub.Bot.Connector.ServiceUrl, DigestPrintFeature.PutUpVerb, data, person.ChatId).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    private static async Task<JsonObject> PressAsync(PrintHarness hub, TestPerson person, JsonObject card, string copies) =>
        CardJson.FromInvoke(await PressForAnswerAsync(hub, person, card, copies));

    private static async Task<string> TypeForTextAsync(PrintHarness hub, TestPerson person, string text)
    {
        var before = hub.Bot.Connector.Sent.Count;
        await hub.Bot.PostActivityAsync(TeamsActivities.Message(hub.Bot.Connector.ServiceUrl, text, person.ChatId).From(person));
        return hub.Bot.Connector.Sent.Skip(before).Last(s => s.ConversationId == person.ChatId).Activity.Text ?? string.Empty;
    }
}
