using LearningBot.Tests.Support;

namespace LearningBot.Tests.Welcome;

/// <summary>Teams sends two events for one install; the welcome card goes out once, and a failed send does not silence it.</summary>
public sealed class InstallWelcomeTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private readonly BotTestHost _bot = host.ForTest();

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    [Fact]
    public async Task When_the_first_install_event_cannot_send_the_welcome_the_other_event_sends_it()
    {
        var conversationId = "a:" + Guid.NewGuid().ToString("N");
        // Just after an install Teams may not yet count the bot as a member of the conversation.
        _bot.Connector.FailNext(new FakeFailure(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."));

        await _bot.PostActivityAsync(TeamsActivities.InstallationUpdate(ServiceUrl, conversationId: conversationId));
        Assert.DoesNotContain(_bot.Connector.Sent, IsWelcome);
        await _bot.PostActivityAsync(TeamsActivities.BotAdded(ServiceUrl, conversationId));

        Assert.Single(_bot.Connector.Sent, IsWelcome);
    }

    private static bool IsWelcome(SentActivity sent) =>
        sent.Activity.Attachments?.Count > 0 && CardJson.Readable(CardJson.Of(sent)).Contains("Five Minute Review", StringComparison.Ordinal);
}
