using System.Text.Json.Nodes;
using LearningBot.Announcements;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Announcements;

/// <summary>
/// An announcement end to end through the bot host, in the invoke shapes the feature documents: <c>announce</c>, then
/// <c>announce.preview</c> {title, message, audience}, then <c>announce.send</c> {draftId}. The people directory is
/// the seeded one (people/people.csv: 19 people, 4 of them without Teams; 7 in primary care, 1 without Teams).
/// </summary>
public sealed class AnnouncementFlowTests(DeliveryUiHostFixture fixture) : IClassFixture<DeliveryUiHostFixture>
{
    private static readonly TestPerson Support = DeliveryUiHostFixture.Support;

    [Fact]
    public async Task Announce_shows_the_compose_card_to_the_support_team()
    {
        var bot = fixture.ForTest();

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "announce").From(Support));

        var card = CardJson.Of(Assert.Single(bot.Connector.Sent));
        Assert.True(CardJson.HasId(card, "title"));
        Assert.True(CardJson.HasId(card, "message"));
        var audience = CardJson.ById(card, "audience");
        var choices = audience["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).ToList();
        Assert.Equal(["everyone", "kind:primary-care", "kind:acute-trust", "kind:mental-health-trust", "kind:ambulance-trust",
            "kind:council", "kind:voluntary-sector", "kind:independent-sector", "me"], choices);
        Assert.Equal(["announce.preview"], CardJson.Verbs(card));
    }

    [Fact]
    public async Task An_invalid_preview_comes_back_with_the_problems_marked_and_nothing_saved()
    {
        var bot = fixture.ForTest();

        var card = await PreviewAsync(bot, title: string.Empty, message: new string('a', 2001), audience: "everyone");

        Assert.True(CardJson.HasId(card, "title-problem"));
        Assert.True(CardJson.HasId(card, "message-problem"));
        Assert.Contains("Please check the 2 answers marked below.", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Equal(["announce.preview"], CardJson.Verbs(card));
    }

    [Fact]
    public async Task An_audience_that_is_not_offered_is_marked()
    {
        var bot = fixture.ForTest();

        var card = await PreviewAsync(bot, "Flu clinics", "Clinics every Tuesday.", audience: "kind:made-up");

        Assert.True(CardJson.HasId(card, "audience-problem"));
    }

    [Fact]
    public async Task Identifiers_are_removed_before_anything_is_previewed()
    {
        var bot = fixture.ForTest();

        var card = await PreviewAsync(bot, "Flu clinics", "Call 07700 900123 or quote NHS number 943 476 5919.", "everyone");

        Assert.True(CardJson.HasId(card, "removed-note"));
        var message = CardJson.ById(card, "message")["value"]!.GetValue<string>();
        Assert.DoesNotContain("943 476 5919", message, StringComparison.Ordinal);
        Assert.DoesNotContain("07700 900123", message, StringComparison.Ordinal);
        Assert.Equal(["announce.preview"], CardJson.Verbs(card));
    }

    [Fact]
    public async Task A_draft_is_stored_only_with_the_identifiers_removed()
    {
        var bot = fixture.ForTest();
        var drafts = bot.Services.GetRequiredService<AnnouncementDrafts>();
        var shown = await PreviewAsync(bot, "Flu clinic for Mrs Jones", "Call 07700 900123 or quote NHS number 943 476 5919.", "everyone");

        var card = await PreviewAsync(bot, CardJson.ById(shown, "title")["value"]!.GetValue<string>(), CardJson.ById(shown, "message")["value"]!.GetValue<string>(), "everyone");

        var draft = await drafts.FindAsync(Support.AadObjectId, DraftIdOf(card), CancellationToken.None);
        Assert.NotNull(draft);
        Assert.DoesNotContain("Jones", draft.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("943 476 5919", draft.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("07700 900123", draft.Message, StringComparison.Ordinal);
        Assert.Contains("[NHS number removed]", draft.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("everyone", "19 people: 15 in Teams, 4 without Teams (counted for the printed edition)")]
    [InlineData("kind:primary-care", "7 people: 6 in Teams, 1 without Teams (counted for the printed edition)")]
    public async Task The_preview_shows_the_exact_message_and_how_many_it_goes_to(string audience, string size)
    {
        var bot = fixture.ForTest();

        var card = await PreviewAsync(bot, "Flu clinics for staff", "Clinics run every *Tuesday* at the hub.", audience);

        var texts = CardJson.Texts(card);
        Assert.Contains(size, texts, StringComparison.Ordinal);
        Assert.Contains("Clinics run every \\*Tuesday\\* at the hub.", texts, StringComparison.Ordinal);
        Assert.Equal(["announce.send", "announce.change"], CardJson.Verbs(card));
        Assert.Matches("^[0-9a-f]{32}$", DraftIdOf(card));
    }

    [Fact]
    public async Task Send_answers_at_once_then_starts_exactly_one_delivery_even_when_pressed_twice()
    {
        var bot = fixture.ForTest();
        var chat = "a:" + Guid.NewGuid().ToString("N");
        var draftId = DraftIdOf(await PreviewAsync(bot, "Flu clinics", "Clinics every Tuesday.", "everyone", chat));
        var before = fixture.Deliveries.Started.Count;

        var answers = await Task.WhenAll(SendAsync(bot, draftId, chat), SendAsync(bot, draftId, chat));
        await StartedAsync(draftId);
        await Eventually.TrueAsync(() => bot.Connector.Current(chat).Count > 0);

        var request = Assert.Single(fixture.Deliveries.Started.Skip(before));
        Assert.Equal(AnnouncementsFeature.Purpose, request.Purpose);
        Assert.Equal(draftId, request.IdempotencyKey);
        Assert.Equal(Support.AadObjectId, request.RequestedBy);
        Assert.Equal(chat, request.ProgressTo?.Conversation?.Id);
        Assert.Equal(19, request.Recipients.Count);
        Assert.Equal(4, request.Recipients.Count(r => !r.UsesTeams));
        Assert.All(request.Recipients, r => Assert.Equal(RecipientKinds.Person, r.Kind));
        Assert.Contains("Clinics every Tuesday.", CardJson.Texts(CardJson.Of(request.Message)), StringComparison.Ordinal);
        Assert.All(answers, answer => Assert.Contains("Sending…", CardJson.Texts(answer), StringComparison.Ordinal));
        Assert.All(answers, answer => Assert.Empty(CardJson.Verbs(answer)));
        var progressCard = CardJson.Of(Assert.Single(bot.Connector.Current(chat)));
        Assert.Contains("Sent to 0 of 19", CardJson.Texts(progressCard), StringComparison.Ordinal);
        Assert.Equal([DeliveryProgressVerbs.Cancel], CardJson.Verbs(progressCard));
    }

    [Fact]
    public async Task A_send_that_a_restart_interrupted_is_started_by_the_next_scan()
    {
        var bot = fixture.ForTest();
        var draftId = DraftIdOf(await PreviewAsync(bot, "Study day", "Booking opens on Monday.", "me"));
        var drafts = bot.Services.GetRequiredService<AnnouncementDrafts>();
        var draft = (await drafts.FindAsync(Support.AadObjectId, draftId, CancellationToken.None))!;
        await drafts.RequestSendAsync(draft, progressTo: null, CancellationToken.None); // pressed, but the kick was lost

        await bot.Services.GetRequiredService<AnnouncementDispatcher>().ScanAsync(CancellationToken.None);
        await bot.Services.GetRequiredService<AnnouncementDispatcher>().ScanAsync(CancellationToken.None);

        Assert.Single(fixture.Deliveries.Started, r => r.IdempotencyKey == draftId);
        Assert.False(string.IsNullOrEmpty((await drafts.FindAsync(Support.AadObjectId, draftId, CancellationToken.None))!.DeliveryId));
    }

    [Fact]
    public async Task Change_brings_the_draft_back_into_the_form()
    {
        var bot = fixture.ForTest();
        var draftId = DraftIdOf(await PreviewAsync(bot, "Flu clinics", "Clinics every Tuesday.", "kind:council"));

        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, AnnouncementVerbs.Change,
            new JsonObject { ["draftId"] = draftId }).From(Support));

        var card = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
        Assert.Equal("Flu clinics", CardJson.ById(card, "title")["value"]!.GetValue<string>());
        Assert.Equal("Clinics every Tuesday.", CardJson.ById(card, "message")["value"]!.GetValue<string>());
        Assert.Equal("kind:council", CardJson.ById(card, "audience")["value"]!.GetValue<string>());
        Assert.DoesNotContain(fixture.Deliveries.Started, r => r.IdempotencyKey == draftId);
    }

    [Fact]
    public async Task A_test_send_goes_to_the_author_only()
    {
        var bot = fixture.ForTest();
        var draftId = DraftIdOf(await PreviewAsync(bot, "Test", "Just checking.", "me"));

        await SendAsync(bot, draftId);

        var request = await StartedAsync(draftId);
        Assert.Equal(Support.AadObjectId, Assert.Single(request.Recipients).Key);
    }

    [Fact]
    public async Task Someone_elses_draft_is_never_sent()
    {
        var bot = fixture.ForTest();
        var draftId = DraftIdOf(await PreviewAsync(bot, "Flu clinics", "Clinics every Tuesday.", "everyone"));

        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, AnnouncementVerbs.Send,
            new JsonObject { ["draftId"] = draftId }).From(DeliveryUiHostFixture.OtherSupport));

        Assert.Equal(AnnouncementsFeature.DraftGone, CardJson.MessageFromInvoke(await BotTestHost.ReadJsonAsync(response)));
        Assert.DoesNotContain(fixture.Deliveries.Started, r => r.IdempotencyKey == draftId);
    }

    [Fact]
    public async Task Someone_outside_the_support_team_is_refused_at_every_step()
    {
        var bot = fixture.ForTest();

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "announce").From(TestPerson.Alex));
        var preview = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, AnnouncementVerbs.Preview,
            new JsonObject { ["title"] = "Hello", ["message"] = "Everyone", ["audience"] = "everyone" }).From(TestPerson.Alex));

        var refusal = Assert.Single(bot.Connector.Sent);
        Assert.Null(refusal.Activity.Attachments);
        Assert.Contains("only for the L&D Support Team", refusal.Activity.Text, StringComparison.Ordinal);
        Assert.Contains("only for the L&D Support Team", CardJson.MessageFromInvoke(await BotTestHost.ReadJsonAsync(preview)), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> PreviewAsync(BotTestHost bot, string title, string message, string audience, string? chat = null)
    {
        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, AnnouncementVerbs.Preview,
            new JsonObject { ["title"] = title, ["message"] = message, ["audience"] = audience }, chat).From(Support));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }

    /// <summary>The delivery the draft became: the dispatcher starts it just after the Send turn has answered.</summary>
    private async Task<DeliveryRequest> StartedAsync(string draftId)
    {
        Assert.True(await Eventually.TrueAsync(() => fixture.Deliveries.Started.Any(r => r.IdempotencyKey == draftId)), "The announcement's delivery was never started.");
        return fixture.Deliveries.Started.First(r => r.IdempotencyKey == draftId);
    }

    private static async Task<JsonObject> SendAsync(BotTestHost bot, string draftId, string? chat = null)
    {
        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, AnnouncementVerbs.Send,
            new JsonObject { ["draftId"] = draftId }, chat).From(Support));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }

    private static string DraftIdOf(JsonObject previewCard) =>
        CardJson.ActionByVerb(previewCard, AnnouncementVerbs.Send)["data"]!["draftId"]!.GetValue<string>();
}
