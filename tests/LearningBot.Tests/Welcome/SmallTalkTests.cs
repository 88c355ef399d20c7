using System.Net;
using System.Text.Json;
using LearningBot.Tests.Support;
using LearningBot.Welcome.SmallTalk;

namespace LearningBot.Tests.Welcome;

/// <summary>
/// Small talk through the real pipeline: every message of <c>small-talk.json</c> (typos and emoji included) gets the
/// short answer of its kind, and the questions among them are still answered as questions.
/// </summary>
public sealed class SmallTalkTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private readonly BotTestHost _bot = host.ForTest();

    private static string MessagesFile => Path.Combine(RepoPaths.Root, "tests", "LearningBot.Tests", "Welcome", "small-talk.json");

    [Fact]
    public void The_list_has_at_least_sixty_messages_of_every_kind()
    {
        var messages = Load();

        Assert.True(messages.Count >= 60, $"the list has {messages.Count} messages");
        Assert.Equal(["acknowledgement", "chat", "goodbye", "greeting", "help", "question", "thanks"], messages.Select(m => m.Kind).Distinct().Order());
    }

    [Fact]
    public void The_recogniser_tells_each_message_of_the_list_apart()
    {
        var wrong = Load()
            .Select(m => (m.Text, m.Kind, Got: KindName(SmallTalkRecogniser.Recognise(m.Text))))
            .Where(m => m.Got != m.Kind)
            .Select(m => $"\"{m.Text}\": expected {m.Kind}, got {m.Got}");

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_message_of_the_list_gets_the_reply_of_its_kind_through_the_bot()
    {
        var wrong = new List<string>();
        foreach (var message in Load())
        {
            var conversationId = "a:" + Guid.NewGuid().ToString("N");
            var response = await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, message.Text, conversationId));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var replies = _bot.Connector.Sent.Where(s => s.ConversationId == conversationId).ToList();
            if (ReplyKind(replies) is var got && got != Expected(message.Kind))
            {
                wrong.Add($"\"{message.Text}\": expected {Expected(message.Kind)}, got {got}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Thanks_is_never_answered_with_hello()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "thanks!"));

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.StartsWith("You're welcome", reply.Activity.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hello", reply.Activity.Text, StringComparison.Ordinal);
    }

    private static string Expected(string kind) => kind switch
    {
        "help" or "greeting" => "welcome card",
        "thanks" => "you're welcome",
        "goodbye" => "goodbye",
        "chat" => "what the bot is for",
        "acknowledgement" => "nothing",
        _ => "answer card",
    };

    private static string ReplyKind(IReadOnlyList<SentActivity> replies)
    {
        if (replies.Count == 0)
        {
            return "nothing";
        }

        if (replies.Count > 1)
        {
            return $"{replies.Count} replies";
        }

        var activity = replies[0].Activity;
        if (activity.Attachments is not { Count: > 0 })
        {
            return activity.Text switch
            {
                { } text when text.StartsWith("You're welcome", StringComparison.Ordinal) => "you're welcome",
                { } text when text.StartsWith("Bye", StringComparison.Ordinal) => "goodbye",
                SmallTalkReplies.Chat => "what the bot is for",
                var text => $"text \"{text}\"",
            };
        }

        var card = CardJson.Texts(CardJson.Of(activity));
        return card.Contains("I'm LearningBot", StringComparison.Ordinal) ? "welcome card" : "answer card";
    }

    private static string KindName(SmallTalkKind? kind) => kind switch
    {
        null => "question",
        SmallTalkKind.HelpSeeking => "help",
        var other => other.Value.ToString().ToLowerInvariant(),
    };

    private static List<SmallTalkMessage> Load() =>
        JsonSerializer.Deserialize<List<SmallTalkMessage>>(File.ReadAllText(MessagesFile), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private sealed record SmallTalkMessage(string Text, string Kind);
}
