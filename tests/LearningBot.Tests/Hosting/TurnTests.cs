using System.Net;
using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Hosting;

/// <summary>Whole turns through the real pipeline: endpoint → router → welcome capability → connector.</summary>
public sealed class TurnTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private readonly BotTestHost _bot = host.ForTest();

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    [Fact]
    public async Task Help_replies_with_the_welcome_card_threaded_to_the_message()
    {
        var message = TeamsActivities.Message(ServiceUrl, "help");

        var response = await _bot.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Equal(message.Id(), reply.ReplyToId);
        Assert.Equal(TeamsActivities.BotId, reply.Activity.From?.Id);
        Assert.Equal(TestPerson.Alex.TeamsId, reply.Activity.Recipient?.Id);
        AssertWelcomeCard(reply.Activity);
    }

    [Theory]
    [InlineData("Help")]
    [InlineData("  help!  ")]
    [InlineData("menu")]
    public async Task Help_command_ignores_case_spacing_and_punctuation(string text)
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, text));

        AssertWelcomeCard(Assert.Single(_bot.Connector.Sent).Activity);
    }

    [Fact]
    public async Task Help_after_an_at_mention_in_a_channel_shows_the_welcome_card()
    {
        var mention = TeamsActivities.ChannelMention(ServiceUrl, "help");

        await _bot.PostActivityAsync(mention);

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Equal(mention.ConversationId(), reply.ConversationId);
        AssertWelcomeCard(reply.Activity);
    }

    [Fact]
    public async Task A_greeting_is_answered_with_the_welcome_card()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "hello there"));

        AssertWelcomeCard(Assert.Single(_bot.Connector.Sent).Activity);
    }

    [Fact]
    public async Task Install_and_bot_added_together_welcome_once()
    {
        var conversationId = "a:" + Guid.NewGuid().ToString("N");

        await _bot.PostActivityAsync(TeamsActivities.InstallationUpdate(ServiceUrl, conversationId: conversationId));
        await _bot.PostActivityAsync(TeamsActivities.BotAdded(ServiceUrl, conversationId));

        AssertWelcomeCard(Assert.Single(_bot.Connector.Sent).Activity);
    }

    [Fact]
    public async Task Uninstall_sends_nothing()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.InstallationUpdate(ServiceUrl, "remove"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_bot.Connector.Sent);
    }

    [Fact]
    public async Task Execute_action_replaces_the_card_in_the_invoke_response()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, "review.start"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("Five Minute Review", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Sent);
    }

    [Fact]
    public async Task Execute_help_brings_back_the_menu()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, "help"));

        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal("AdaptiveCard", body["value"]!["type"]!.GetValue<string>());
        Assert.Contains("Ask a learning question", body["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_with_an_unknown_verb_answers_with_a_message_not_an_error()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, "no.such.verb"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Execute_without_an_action_is_a_400_in_the_invoke_response()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.Invoke(ServiceUrl, "adaptiveCard/action", new JsonObject()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unhandled_invoke_gets_501()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.Invoke(ServiceUrl, "composeExtension/query"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Submit_fallback_updates_the_card_it_came_from()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.SubmitAction(ServiceUrl, "digest.latest", "1700000000123"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Assert.Single(_bot.Connector.Requests, request => request.Method == "PUT");
        Assert.EndsWith("/activities/1700000000123", update.Path, StringComparison.Ordinal);
        Assert.Contains("digest", update.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_fallback_sends_a_new_card_when_the_old_one_is_gone()
    {
        _bot.Connector.FailNext(new FakeFailure(404, "ActivityNotFound", "Activity not found."));

        var response = await _bot.PostActivityAsync(TeamsActivities.SubmitAction(ServiceUrl, "digest.latest", "1700000000999"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resent = Assert.Single(_bot.Connector.Sent);
        Assert.Contains("digest", CardJson.Of(resent).ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Redelivered_message_is_processed_once()
    {
        var message = TeamsActivities.Message(ServiceUrl, "help");

        var first = await _bot.PostActivityAsync(message);
        var second = await _bot.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_bot.Connector.Sent);
    }

    [Fact]
    public async Task Concurrent_redeliveries_of_an_invoke_run_once_and_get_the_same_answer()
    {
        var invoke = TeamsActivities.ExecuteAction(ServiceUrl, "help");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _bot.PostActivityAsync(invoke)));

        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Same_activity_id_in_another_conversation_is_not_a_duplicate()
    {
        var first = TeamsActivities.Message(ServiceUrl, "help");
        var second = TeamsActivities.Message(ServiceUrl, "help");
        second["id"] = first.Id();

        await _bot.PostActivityAsync(first);
        await _bot.PostActivityAsync(second);

        Assert.Equal(2, _bot.Connector.Sent.Count);
    }

    [Fact]
    public async Task Remembers_the_conversation_and_the_persons_chat_for_proactive_messages()
    {
        var message = TeamsActivities.Message(ServiceUrl, "help");
        await _bot.PostActivityAsync(message);

        var store = _bot.Services.GetRequiredService<ConversationReferenceStore>();
        var conversation = await store.FindConversationAsync(message.ConversationId(), CancellationToken.None);
        var personal = await store.FindPersonalChatAsync(TestPerson.Alex.AadObjectId, CancellationToken.None);

        Assert.NotNull(conversation);
        Assert.Equal(ServiceUrl, conversation.ServiceUrl);
        Assert.Equal(TeamsActivities.TenantId, conversation.Conversation?.TenantId);
        Assert.Equal(message.ConversationId(), personal?.Conversation?.Id);
    }

    [Fact]
    public async Task Writes_the_conversation_reference_only_when_it_changes()
    {
        var conversationId = "a:" + Guid.NewGuid().ToString("N");
        var table = host.Azurite.Table(ConversationReferenceStore.TableName);

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "help", conversationId));
        var first = await table.FindAsync<ConversationReferenceEntity>("conversation", TableKeys.Encode(conversationId));
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "help", conversationId));
        var unchanged = await table.FindAsync<ConversationReferenceEntity>("conversation", TableKeys.Encode(conversationId));
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl.TrimEnd('/') + "/moved", "help", conversationId));
        var moved = await table.FindAsync<ConversationReferenceEntity>("conversation", TableKeys.Encode(conversationId));

        Assert.Equal(first!.ETag, unchanged!.ETag);
        Assert.NotEqual(first.ETag, moved!.ETag);
        Assert.EndsWith("/moved", moved.ServiceUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_says_only_ok_when_the_bot_and_its_storage_are_up()
    {
        var response = await _bot.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    private static void AssertWelcomeCard(LearningBot.Connector.Schema.Activity activity)
    {
        var card = CardJson.Of(activity).ToJsonString();
        foreach (var button in new[] { "Ask a learning question", "Five Minute Review", "Record a feedback signal", "Share good practice", "Latest digest" })
        {
            Assert.Contains(button, card, StringComparison.Ordinal);
        }
    }
}
