using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Schema;

namespace LearningBot.Tests.Connector;

public sealed class ActivityExtensionsTests
{
    private const string BotId = "28:00000000-0000-0000-0000-0000000000b0";

    private static Activity Inbound(string? text, params Mention[] mentions) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1772442847561",
        Text = text,
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Locale = "en-GB",
        From = new ChannelAccount { Id = "29:user", Name = "Alex Morgan", AadObjectId = "6f1c9f3e" },
        Recipient = new ChannelAccount { Id = BotId, Name = "Learning Bot" },
        Conversation = new ConversationAccount { Id = "19:chan@thread.tacv2;messageid=1772442847561", ConversationType = "channel", TenantId = "tenant-1" },
        Entities = [.. mentions.Select(m => m.ToEntity())],
    };

    private static Mention MentionOf(string id, string name, string? text = null) =>
        new() { Mentioned = new ChannelAccount { Id = id, Name = name }, Text = text ?? $"<at>{name}</at>" };

    [Fact]
    public void The_bots_mention_is_removed_and_the_rest_trimmed()
    {
        var activity = Inbound("<at>Learning Bot</at> find mental health courses", MentionOf(BotId, "Learning Bot"));

        Assert.Equal("find mental health courses", activity.RemoveRecipientMention());
    }

    [Theory]
    [InlineData("help \t me\t\tnow  ", "help me now")]
    [InlineData("find\tcourses", "find\tcourses")]
    [InlineData("  help ", "help")]
    [InlineData("help", "help")]
    public void Runs_of_spaces_and_tabs_become_one_space_and_a_single_one_is_kept(string text, string expected)
    {
        Assert.Equal(expected, Inbound(text).RemoveRecipientMention());
    }

    [Fact]
    public void The_bots_mention_is_matched_case_insensitively_anywhere_in_the_text()
    {
        var activity = Inbound("help me <AT>learning bot</AT> please", MentionOf(BotId, "Learning Bot"));

        Assert.Equal("help me please", activity.RemoveRecipientMention());
    }

    [Fact]
    public void A_mention_entity_without_text_is_removed_by_name()
    {
        var activity = Inbound("<at>Learning Bot</at> hi", new Mention { Mentioned = new ChannelAccount { Id = BotId, Name = "Learning Bot" } });

        Assert.Equal("hi", activity.RemoveRecipientMention());
    }

    [Fact]
    public void Other_people_mentioned_keep_their_names()
    {
        var activity = Inbound("<at>Learning Bot</at> book <at>Sam Patel</at>onto the course",
            MentionOf(BotId, "Learning Bot"), MentionOf("29:sam", "Sam Patel"));

        Assert.Equal("book Sam Patel onto the course", activity.RemoveRecipientMention());
    }

    [Fact]
    public void Identity_comes_from_entities_not_from_text()
    {
        // Someone typed the bot's display name in at-tags, but the entity points at another user.
        var activity = Inbound("<at>Learning Bot</at> is a person here", MentionOf("29:impostor", "Learning Bot"));

        Assert.Equal("Learning Bot is a person here", activity.RemoveRecipientMention());
    }

    [Fact]
    public void A_mention_glued_to_a_word_gets_a_space()
    {
        var activity = Inbound("ask<at>Sam Patel</at>about it", MentionOf("29:sam", "Sam Patel"));

        Assert.Equal("ask Sam Patel about it", activity.RemoveRecipientMention());
    }

    [Fact]
    public void A_message_without_text_gives_an_empty_string()
    {
        Assert.Equal(string.Empty, Inbound(null).RemoveRecipientMention());
    }

    [Fact]
    public void Mentions_are_read_from_the_entities()
    {
        var activity = JsonSerializer.Deserialize<Activity>(ActivityRoundTripTests.ChannelMessage, BotJson.Options)!;

        var mentions = activity.GetMentions();

        Assert.Equal(2, mentions.Count);
        Assert.Equal(BotId, mentions[0].Mentioned!.Id);
        Assert.Equal("<at>Sam Patel</at>", mentions[1].Text);
        Assert.Equal("find courses on Sam Patel's list", activity.RemoveRecipientMention());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_mention_entity_with_empty_text_does_not_throw(string text)
    {
        var activity = Inbound("<at>Learning Bot</at> hi", new Mention { Mentioned = new ChannelAccount { Id = BotId, Name = "Learning Bot" }, Text = text });

        Assert.Equal("hi", activity.RemoveRecipientMention());
    }

    [Fact]
    public void A_mention_entity_with_neither_text_nor_name_does_not_throw()
    {
        var activity = Inbound("<at>Learning Bot</at> hi", new Mention { Mentioned = new ChannelAccount { Id = BotId } }, new Mention());

        Assert.Equal("Learning Bot hi", activity.RemoveRecipientMention());
    }

    [Theory]
    [InlineData("""{ "type": "mention", "mentioned": "28:bot", "text": "<at>Learning Bot</at>" }""")]
    [InlineData("""{ "type": "mention", "mentioned": { "id": 5 }, "text": "<at>Learning Bot</at>" }""")]
    [InlineData("""{ "type": "mention", "mentioned": [1, 2], "text": "<at>Learning Bot</at>" }""")]
    [InlineData("""{ "type": "mention", "mentioned": { "id": "28:00000000-0000-0000-0000-0000000000b0" }, "text": 42 }""")]
    [InlineData("""{ "type": "mention", "mentioned": { "id": "28:00000000-0000-0000-0000-0000000000b0" }, "text": { "a": 1 } }""")]
    [InlineData("""{ "type": "mention", "text": "<at>Learning Bot</at>", "TEXT": "<at>Someone</at>" }""")]
    public void A_malformed_mention_entity_is_left_out_and_nothing_throws(string entity)
    {
        var activity = Inbound("<at>Learning Bot</at> hi") with
        {
            Entities = [JsonSerializer.Deserialize<Entity>(entity, BotJson.Options)!, MentionOf("29:sam", "Sam Patel").ToEntity()],
        };

        var mentions = activity.GetMentions();

        Assert.Equal("29:sam", Assert.Single(mentions).Mentioned!.Id);
        Assert.Equal("Learning Bot hi", activity.RemoveRecipientMention());
    }

    /// <summary>
    /// Text a backtracking <c>&lt;at[^&gt;]*&gt;(.*?)&lt;/at&gt;</c> needs quadratic time for (800 KB of unclosed tags took
    /// seconds): the scanner reads each character a bounded number of times, so these finish at once. The generous
    /// limit only stops the test from hanging should that ever regress; it is not a timing measurement.
    /// </summary>
    [Theory]
    [InlineData("<at>")]
    [InlineData("<at ")]
    [InlineData("<AT>x")]
    [InlineData("<at><at>Sam</at")]
    public async Task Removing_mentions_is_linear_on_many_unclosed_tags(string unit)
    {
        var text = "<at>Learning Bot</at> help " + string.Concat(Enumerable.Repeat(unit, 2_000_000 / unit.Length));
        var activity = Inbound(text, MentionOf(BotId, "Learning Bot"));

        var result = await Task.Run(activity.RemoveRecipientMention).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("help " + unit.Trim(), result, StringComparison.Ordinal);
        Assert.DoesNotContain("Learning Bot", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_are_read_as_before_the_scanner()
    {
        var activity = Inbound("<at id=\"0\">Learning Bot</at>  ask <at>Sam</at><at>Priya</at>,<attention>x</at> and\t\tme<at>dangling",
            MentionOf(BotId, "Learning Bot", "<at id=\"0\">Learning Bot</at>"));

        Assert.Equal("ask SamPriya,x and me<at>dangling", activity.RemoveRecipientMention());
    }

    [Fact]
    public void A_new_mention_entity_carries_the_text_that_must_appear_in_the_message()
    {
        var entity = Mention.Of(new ChannelAccount { Id = "29:sam", Name = "Sam Patel" }).ToEntity();

        var json = JsonSerializer.SerializeToElement(entity, BotJson.Options);

        Assert.Equal("mention", json.GetProperty("type").GetString());
        Assert.Equal("<at>Sam Patel</at>", json.GetProperty("text").GetString());
        Assert.Equal("29:sam", json.GetProperty("mentioned").GetProperty("id").GetString());
    }

    [Fact]
    public void A_reply_goes_from_the_bot_to_the_sender_in_the_same_conversation()
    {
        var inbound = Inbound("hi");

        var reply = inbound.CreateReply("Hello Alex");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal(BotId, reply.From!.Id);
        Assert.Equal("Learning Bot", reply.From.Name);
        Assert.Equal("29:user", reply.Recipient!.Id);
        Assert.Equal(inbound.Conversation, reply.Conversation);
        Assert.Equal(inbound.Id, reply.ReplyToId);
        Assert.Equal("msteams", reply.ChannelId);
        Assert.Equal(inbound.ServiceUrl, reply.ServiceUrl);
        Assert.Equal("en-GB", reply.Locale);
        Assert.Equal("Hello Alex", reply.Text);
        Assert.Null(reply.Id);
        Assert.Null(reply.Timestamp);
    }

    [Fact]
    public void A_reply_keeps_the_channel_thread_suffix()
    {
        var reply = Inbound("hi").CreateReply("ok");

        Assert.EndsWith(";messageid=1772442847561", reply.Conversation!.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conversation_reference_addresses_a_later_proactive_message()
    {
        var inbound = Inbound("hi");
        var reference = inbound.GetConversationReference();

        var proactive = new Activity { Type = ActivityTypes.Message, Text = "Your course starts tomorrow" }.ApplyConversationReference(reference);

        Assert.Equal(inbound.Id, reference.ActivityId);
        Assert.Equal(BotId, proactive.From!.Id);
        Assert.Equal("29:user", proactive.Recipient!.Id);
        Assert.Equal(inbound.Conversation!.Id, proactive.Conversation!.Id);
        Assert.Equal(inbound.ServiceUrl, proactive.ServiceUrl);
        Assert.Equal("msteams", proactive.ChannelId);
        Assert.Equal(inbound.Id, proactive.ReplyToId);
        Assert.Equal("en-GB", proactive.Locale);
    }

    [Fact]
    public void An_incoming_conversation_reference_rebuilds_the_users_side()
    {
        var reference = Inbound("hi").GetConversationReference();

        var incoming = new Activity { Type = ActivityTypes.Message }.ApplyConversationReference(reference, isIncoming: true);

        Assert.Equal("29:user", incoming.From!.Id);
        Assert.Equal(BotId, incoming.Recipient!.Id);
        Assert.Equal(reference.ActivityId, incoming.Id);
    }

    [Fact]
    public void A_conversation_reference_round_trips_through_json()
    {
        var reference = Inbound("hi").GetConversationReference();

        var copy = JsonSerializer.Deserialize<ConversationReference>(JsonSerializer.Serialize(reference, BotJson.Options), BotJson.Options)!;

        Assert.Equal(reference.Conversation!.Id, copy.Conversation!.Id);
        Assert.Equal(reference.ServiceUrl, copy.ServiceUrl);
        Assert.Equal(reference.Bot!.Id, copy.Bot!.Id);
    }
}
