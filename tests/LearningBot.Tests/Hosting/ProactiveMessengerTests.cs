using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;

namespace LearningBot.Tests.Hosting;

public sealed class ProactiveMessengerTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private readonly BotTestHost _bot = host.ForTest();

    private ProactiveMessenger Messenger => _bot.Services.GetRequiredService<ProactiveMessenger>();

    [Fact]
    public async Task Reaches_a_person_in_the_chat_they_last_used()
    {
        var hello = TeamsActivities.Message(_bot.Connector.ServiceUrl, "hello");
        await _bot.PostActivityAsync(hello);

        var sent = await Messenger.SendCardToPersonAsync(TestPerson.Alex.AadObjectId, SampleCard(), CancellationToken.None);

        Assert.NotNull(sent);
        var delivered = _bot.Connector.Sent.Last();
        Assert.Equal(hello.ConversationId(), delivered.ConversationId);
        Assert.Null(delivered.ReplyToId);
        Assert.Equal(TestPerson.Alex.TeamsId, delivered.Activity.Recipient?.Id);
        Assert.Equal(TeamsActivities.BotId, delivered.Activity.From?.Id);
    }

    [Fact]
    public async Task Returns_null_for_someone_who_never_talked_to_the_bot()
    {
        var sent = await Messenger.SendCardToPersonAsync("never-seen-" + Guid.NewGuid(), SampleCard(), CancellationToken.None);

        Assert.Null(sent);
    }

    [Fact]
    public async Task Returns_null_when_the_person_blocked_the_bot()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "hello"));
        _bot.Connector.FailNext(new FakeFailure(403, "ConversationBlockedByUser", "User blocked the conversation with the bot."));

        var sent = await Messenger.SendCardToPersonAsync(TestPerson.Alex.AadObjectId, SampleCard(), CancellationToken.None);

        Assert.Null(sent);
    }

    [Fact]
    public async Task Posts_to_the_channel_not_the_thread_and_updates_the_post_in_place()
    {
        var mention = TeamsActivities.ChannelMention(_bot.Connector.ServiceUrl, "help");
        await _bot.PostActivityAsync(mention);
        var store = _bot.Services.GetRequiredService<ConversationReferenceStore>();
        var thread = await store.FindConversationAsync(mention.ConversationId(), CancellationToken.None);

        var sent = await Messenger.SendCardAsync(thread!, SampleCard(), CancellationToken.None);
        await Messenger.UpdateCardAsync(SentMessage.FromJson(sent.ToJson())!, SampleCard("Updated"), CancellationToken.None);

        Assert.Equal("19:hub@thread.tacv2", sent.Conversation.Conversation?.Id);
        var update = Assert.Single(_bot.Connector.Requests, request => request.Method == "PUT");
        Assert.Contains(Uri.EscapeDataString("19:hub@thread.tacv2"), update.RawTarget, StringComparison.Ordinal);
        Assert.Contains("Updated", update.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_teams_refuses_as_too_large_is_followed_by_the_short_notice_not_lost()
    {
        var mention = TeamsActivities.ChannelMention(_bot.Connector.ServiceUrl, "help");
        await _bot.PostActivityAsync(mention);
        var thread = await _bot.Services.GetRequiredService<ConversationReferenceStore>().FindConversationAsync(mention.ConversationId(), CancellationToken.None);
        _bot.Connector.MaxActivityBytes = 4_000;

        var sent = await Messenger.SendCardAsync(thread!, SampleCard("Reminder " + new string('x', 5_000)), CancellationToken.None);

        Assert.NotNull(sent.ActivityId);
        var notice = CardJson.Of(_bot.Connector.Sent[^1]);
        Assert.Contains("This is too long for Teams to show here", CardJson.Texts(notice), StringComparison.Ordinal);
        Assert.Contains("Reminder xxx", CardJson.Texts(notice), StringComparison.Ordinal);
    }

    private static JsonObject SampleCard(string text = "Reminder") => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
    };
}
