using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// An Action.Execute answer shows only on the device that pressed; a shared answer is also written into the message
/// (<c>PUT v3/conversations/{id}/activities/{replyToId}</c>) so every device and everyone else sees it. Proven against the
/// fake connector, which records every edit: the Playground cannot show the difference.
/// </summary>
public sealed class CardEditTests(CardEditTests.Host host) : IClassFixture<CardEditTests.Host>
{
    private readonly BotTestHost _bot = host.ForTest();

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    /// <summary>The class's bot, with a capability that answers with each kind of card.</summary>
    public sealed class Host : BotHostFixture
    {
        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IBotFeature, ViewsFeature>();
    }

    [Fact]
    public async Task A_shared_answer_edits_the_message_the_button_was_on_once_with_the_answered_card()
    {
        var (conversation, message) = await PostCardAsync();

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, ViewsFeature.Shared, conversationId: conversation, cardActivityId: message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
        var edit = Assert.Single(_bot.Connector.Edits);
        Assert.Equal((conversation, message), (edit.ConversationId, edit.ActivityId));
        Assert.True(JsonNode.DeepEquals(answered, CardJson.Of(edit.Activity)), "The message shows the card the person who pressed sees.");
        Assert.Contains("Saved for everyone", CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Current(conversation)))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_answer_such_as_a_form_opened_for_one_person_never_edits_the_message()
    {
        var (conversation, message) = await PostCardAsync();

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, ViewsFeature.Personal, conversationId: conversation, cardActivityId: message));

        Assert.Contains("Your own form", CardJson.Texts(CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response))), StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Edits);
        Assert.Contains("The card as sent", CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Current(conversation)))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "NotFound")]
    [InlineData(400, "BadArgument")]
    [InlineData(403, "ConversationBlockedByUser")]
    [InlineData(429, "TooManyRequests")]
    [InlineData(500, "ServiceError")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task An_edit_that_fails_still_answers_200_with_the_card(int status, string code)
    {
        var (conversation, message) = await PostCardAsync();
        _bot.Connector.FailNext(new FakeFailure(status, code), times: 10);

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, ViewsFeature.Shared, conversationId: conversation, cardActivityId: message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Saved for everyone", CardJson.Texts(CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response))), StringComparison.Ordinal);
        Assert.NotEmpty(_bot.Connector.Edits);
    }

    [Fact]
    public async Task An_edit_that_gets_no_answer_holds_the_invoke_response_for_two_seconds_at_most()
    {
        var (conversation, message) = await PostCardAsync();
        _bot.Connector.StallNext(TimeSpan.FromSeconds(20), times: 10);
        var clock = Stopwatch.StartNew();

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, ViewsFeature.Shared, conversationId: conversation, cardActivityId: message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Saved for everyone", CardJson.Texts(CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response))), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TurnLimits.CardEditTimeout + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_press_that_names_no_message_is_answered_without_an_edit()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, ViewsFeature.Shared));

        Assert.Contains("Saved for everyone", CardJson.Texts(CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response))), StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Edits);
    }

    [Fact]
    public async Task A_refresh_is_answered_with_the_card_and_never_edits_the_message()
    {
        var (conversation, message) = await PostCardAsync();

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(
            ServiceUrl, ViewsFeature.Shared, conversationId: conversation, cardActivityId: message, trigger: CardRefresh.AutomaticTrigger));

        Assert.Contains("Saved for everyone", CardJson.Texts(CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response))), StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Edits);
    }

    [Fact]
    public async Task A_card_that_differs_per_person_shows_the_presser_their_view_and_the_message_everyone_elses()
    {
        var (conversation, message) = await PostCardAsync();

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, ViewsFeature.PerPerson, conversationId: conversation, cardActivityId: message));

        Assert.Contains("Your view", CardJson.Texts(CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response))), StringComparison.Ordinal);
        var shared = CardJson.Of(Assert.Single(_bot.Connector.Edits).Activity);
        Assert.Contains("Everyone's view", CardJson.Texts(shared), StringComparison.Ordinal);
        Assert.Equal(TestPerson.Alex.TeamsId, Assert.Single(shared["refresh"]!["userIds"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task A_shared_answer_over_28_KB_edits_the_message_with_the_same_shorter_form_the_presser_sees()
    {
        var (conversation, message) = await PostCardAsync();

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, ViewsFeature.SharedBig, conversationId: conversation, cardActivityId: message));

        var answered = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
        Assert.Contains("The short form", CardJson.Texts(answered), StringComparison.Ordinal);
        var edit = Assert.Single(_bot.Connector.Edits);
        Assert.True(JsonNode.DeepEquals(answered, CardJson.Of(edit.Activity)));
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(edit.Request.Body), 1, CardFit.MaxMessageBytes);
    }

    [Fact]
    public async Task An_older_clients_submit_of_a_card_that_differs_per_person_leaves_the_message_with_everyones_view()
    {
        var (conversation, message) = await PostCardAsync();

        await _bot.PostActivityAsync(TeamsActivities.SubmitAction(ServiceUrl, ViewsFeature.PerPerson, message, conversation));

        Assert.Contains("Everyone's view", CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Edits).Activity)), StringComparison.Ordinal);
    }

    /// <summary>The card a press starts from: sent in a conversation of its own. Returns where it is.</summary>
    private async Task<(string Conversation, string Message)> PostCardAsync()
    {
        var command = TeamsActivities.Message(ServiceUrl, "views card");
        await _bot.PostActivityAsync(command);
        return (command.ConversationId(), Assert.Single(_bot.Connector.Sent).ActivityId);
    }

    private sealed class ViewsFeature : IBotFeature
    {
        public const string Shared = "views.shared";
        public const string Personal = "views.personal";
        public const string PerPerson = "views.per-person";
        public const string SharedBig = "views.shared-big";

        public void MapRoutes(BotRoutes routes) => routes
            .OnCommand(turn => turn.SendCardAsync(Card("The card as sent")), "views card")
            .OnCardAction(Shared, (_, _) => Task.FromResult(CardActionResult.Update(Card("Saved for everyone"))))
            .OnCardAction(Personal, (_, _) => Task.FromResult(CardActionResult.Replace(Card("Your own form"))))
            .OnCardAction(SharedBig, (_, _) => Task.FromResult(CardActionResult.Update(new CardReply(Card("The whole card. " + new string('x', 30_000)), Card("The short form.")))))
            .OnCardAction(PerPerson, (turn, _) => Task.FromResult(CardActionResult.Update(
                Card("Your view"),
                Card("Everyone's view").WithRefresh("views.mine", new JsonObject(), [turn.Caller.TeamsId]))));

        private static JsonObject Card(string text) => new()
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
        };
    }
}
