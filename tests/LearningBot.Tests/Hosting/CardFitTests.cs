using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Hosting;

/// <summary>Any card reply with a shorter form: over 28 KB it goes short without a round trip, refused with 413 it goes again short.</summary>
public sealed class CardFitTests(CardFitTests.Host host) : IClassFixture<CardFitTests.Host>
{
    private readonly BotTestHost _bot = host.ForTest();

    /// <summary>The class's bot, with a capability whose card is as large as the test asks.</summary>
    public sealed class Host : BotHostFixture
    {
        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IBotFeature, SizedCardFeature>();
    }

    [Fact]
    public async Task A_card_over_28_KB_goes_in_its_shorter_form_without_being_refused_first()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "big card"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(_bot.Connector.Requests, r => r.Method == "POST");
        Assert.InRange(Encoding.UTF8.GetByteCount(post.Body), 1, CardFit.MaxMessageBytes);
        Assert.Contains("The short form", CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Sent))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_under_28_KB_goes_whole()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "small card"));

        Assert.Contains("The whole card", CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Sent))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_refused_with_413_is_sent_again_in_its_shorter_form()
    {
        _bot.Connector.MaxActivityBytes = 2_000;

        var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "small card"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _bot.Connector.Requests.Count(r => r.Method == "POST"));
        Assert.Contains("The short form", CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Sent))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_without_a_shorter_form_refused_with_413_arrives_as_the_too_long_notice_and_the_turn_succeeds()
    {
        _bot.Connector.MaxActivityBytes = 2_000;

        var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "plain card"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _bot.Connector.Requests.Count(r => r.Method == "POST"));
        var notice = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.Contains("The whole card. xxx", CardJson.Texts(notice), StringComparison.Ordinal);
        Assert.Contains("This is too long for Teams to show here", CardJson.Texts(notice), StringComparison.Ordinal);
        Assert.Equal(["help"], CardJson.Verbs(notice));
    }

    /// <summary>"card.big" gives its shorter form bound; "card.big.later" binds it only when the card is over the limit.</summary>
    [Theory]
    [InlineData("card.big")]
    [InlineData("card.big.later")]
    public async Task An_action_execute_answer_over_28_KB_is_the_shorter_form(string verb)
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, verb));

        var card = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
        Assert.Contains("The short form", CardJson.Texts(card), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shorter_form_given_as_a_function_is_bound_only_for_a_card_over_the_limit()
    {
        var bound = 0;
        JsonObject Shorter()
        {
            bound++;
            return Card("The short form.");
        }

        var small = new CardReply(Card("The whole card."), Shorter);
        Assert.Same(small.Card, CardFit.Choose(small));
        Assert.Equal(0, bound);

        var big = new CardReply(Card("The whole card. " + new string('x', 30_000)), Shorter);
        Assert.Contains("The short form", CardJson.Texts(CardFit.Choose(big)), StringComparison.Ordinal);
        Assert.Equal(1, bound);
    }

    [Fact]
    public void A_card_kept_as_its_bound_JSON_is_sent_as_those_bytes_and_read_into_nodes_only_when_looked_into()
    {
        var json = RawJson.Node(Encoding.UTF8.GetBytes(Card("The whole card.").ToJsonString()));

        var reply = CardReply.FromJson(json);

        Assert.Same(json, reply.Json);
        Assert.Contains("The whole card", CardJson.Texts(reply.Card), StringComparison.Ordinal);
        Assert.Same(reply.Card, reply.Json);
    }

    [Fact]
    public async Task An_action_execute_answer_kept_as_JSON_goes_whole_under_28_KB_and_short_over_it()
    {
        var small = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(
            await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, "card.json.small"))));
        var big = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(
            await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(_bot.Connector.ServiceUrl, "card.json.big"))));

        Assert.Contains("The whole card", CardJson.Texts(small), StringComparison.Ordinal);
        Assert.Contains("The short form", CardJson.Texts(big), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_kept_as_JSON_without_a_shorter_form_refused_with_413_arrives_as_the_too_long_notice()
    {
        _bot.Connector.MaxActivityBytes = 2_000;

        var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "plain json card"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.Contains("The whole card. xxx", CardJson.Texts(notice), StringComparison.Ordinal);
        Assert.Contains("This is too long for Teams to show here", CardJson.Texts(notice), StringComparison.Ordinal);
    }

    private static CardReply JsonReply(int bytes, bool shorter) => CardReply.FromJson(
        RawJson.Node(Encoding.UTF8.GetBytes(Card("The whole card. " + new string('x', bytes)).ToJsonString())),
        shorter ? () => Card("The short form.") : null);

    private static JsonObject Card(string text) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
    };

    private sealed class SizedCardFeature : IBotFeature
    {
        public void MapRoutes(BotRoutes routes) => routes
            .OnCommand(turn => turn.SendCardAsync(Reply(30_000)), "big card")
            .OnCommand(turn => turn.SendCardAsync(Reply(5_000)), "small card")
            .OnCommand(turn => turn.SendCardAsync(Reply(5_000).Card), "plain card")
            .OnCardAction("card.big", (_, _) => Task.FromResult(CardActionResult.Replace(Reply(30_000))))
            .OnCommand(turn => turn.SendCardAsync(JsonReply(5_000, shorter: false)), "plain json card")
            .OnCardAction("card.json.small", (_, _) => Task.FromResult(CardActionResult.Replace(JsonReply(5_000, shorter: true))))
            .OnCardAction("card.json.big", (_, _) => Task.FromResult(CardActionResult.Replace(JsonReply(30_000, shorter: true))))
            .OnCardAction("card.big.later", (_, _) => Task.FromResult(CardActionResult.Replace(
                new CardReply(Card("The whole card. " + new string('x', 30_000)), () => Card("The short form.")))));

        private static CardReply Reply(int bytes) => new(Card("The whole card. " + new string('x', bytes)), Card("The short form."));
    }
}
