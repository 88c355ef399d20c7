using LearningBot.Connector.Hosting;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Welcome;

/// <summary>In group chats and channels the bot says how to reach it, and nothing it says there is personal to the asker.</summary>
public sealed class SharedConversationTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private const string MentionAdvice = "start your message with @LearningBot";

    private readonly BotTestHost _bot = host.ForTest();

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    [Fact]
    public async Task The_welcome_card_in_a_group_chat_says_to_mention_the_bot()
    {
        await _bot.PostActivityAsync(TeamsActivities.GroupChatMention(ServiceUrl, "help"));

        Assert.Contains(MentionAdvice, WelcomeText(Assert.Single(_bot.Connector.Sent)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_greeting_in_a_channel_gets_the_welcome_card_that_says_to_mention_the_bot()
    {
        await _bot.PostActivityAsync(TeamsActivities.ChannelMention(ServiceUrl, "hi all"));

        Assert.Contains(MentionAdvice, WelcomeText(Assert.Single(_bot.Connector.Sent)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_welcome_card_in_a_personal_chat_says_nothing_about_mentions()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "help"));

        Assert.DoesNotContain("@LearningBot", WelcomeText(Assert.Single(_bot.Connector.Sent)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("group", "my lead entry")]
    [InlineData("channel", "my topics")]
    [InlineData("group", "my saved practice")]
    [InlineData("channel", "my saved practice")]
    public async Task A_personal_command_in_a_shared_conversation_is_refused_with_a_kind_note(string where, string command)
    {
        await _bot.PostActivityAsync(where == "group" ? TeamsActivities.GroupChatMention(ServiceUrl, command) : TeamsActivities.ChannelMention(ServiceUrl, command));

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Equal(SharedConversation.PersonalNotice, reply.Activity.Text);
        Assert.Null(reply.Activity.Attachments);
    }

    [Theory]
    [InlineData("group")]
    [InlineData("channel")]
    public async Task My_L_and_D_lead_asked_in_a_shared_conversation_does_not_show_where_the_asker_works(string where)
    {
        // In a personal chat Priya, who works for a voluntary-sector trust, is given her own lead, Tomasz Nowicki.
        const string question = "who is my L&D lead?";
        var activity = where == "group" ? TeamsActivities.GroupChatMention(ServiceUrl, question) : TeamsActivities.ChannelMention(ServiceUrl, question);

        await _bot.PostActivityAsync(activity.From(TestPerson.Priya));

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.DoesNotContain("Tomasz Nowicki", CardJson.Texts(reply.Activity), StringComparison.Ordinal);
    }

    private static string WelcomeText(SentActivity reply)
    {
        var text = CardJson.Texts(CardJson.Of(reply.Activity));
        Assert.Contains("I'm LearningBot", text, StringComparison.Ordinal);
        return text;
    }
}
