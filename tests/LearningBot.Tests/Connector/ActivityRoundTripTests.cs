using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector;
using LearningBot.Connector.Schema;

namespace LearningBot.Tests.Connector;

/// <summary>Activities as Teams sends them survive deserialize → serialize with every field, known or not.</summary>
public sealed class ActivityRoundTripTests
{
    public const string ChannelMessage = """
        {
          "text": "<at>Learning Bot</at> find courses on <at>Sam Patel</at>'s list",
          "textFormat": "plain",
          "attachments": [{ "contentType": "text/html", "content": "<div><div><span itemscope=\"\" itemtype=\"http://schema.skype.com/Mention\" itemid=\"0\">Learning Bot</span> find courses</div></div>" }],
          "type": "message",
          "timestamp": "2026-03-02T09:14:07.5612873Z",
          "localTimestamp": "2026-03-02T09:14:07.5612873+00:00",
          "id": "1772442847561",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "from": { "id": "29:1a2b3c-user", "name": "Alex Morgan", "aadObjectId": "6f1c9f3e-1111-4c8e-9d6a-0a0b0c0d0e0f" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "72f988bf-0000-0000-0000-2d7cd011db47", "id": "19:f3b4c5@thread.tacv2;messageid=1772442847561" },
          "recipient": { "id": "28:00000000-0000-0000-0000-0000000000b0", "name": "Learning Bot" },
          "entities": [
            { "mentioned": { "id": "28:00000000-0000-0000-0000-0000000000b0", "name": "Learning Bot" }, "text": "<at>Learning Bot</at>", "type": "mention" },
            { "mentioned": { "id": "29:9z8y-other", "name": "Sam Patel" }, "text": "<at>Sam Patel</at>", "type": "mention" },
            { "locale": "en-GB", "country": "GB", "platform": "Web", "timezone": "Europe/London", "type": "clientInfo" }
          ],
          "channelData": {
            "teamsChannelId": "19:f3b4c5@thread.tacv2",
            "teamsTeamId": "19:team0@thread.tacv2",
            "channel": { "id": "19:f3b4c5@thread.tacv2" },
            "team": { "id": "19:team0@thread.tacv2" },
            "tenant": { "id": "72f988bf-0000-0000-0000-2d7cd011db47" }
          },
          "locale": "en-GB",
          "localTimezone": "Europe/London"
        }
        """;

    public const string AdaptiveCardActionInvoke = """
        {
          "name": "adaptiveCard/action",
          "type": "invoke",
          "timestamp": "2026-03-02T09:20:01.123Z",
          "localTimestamp": "2026-03-02T09:20:01.123+00:00",
          "id": "f:8b9d0e1f-2a3b-4c5d-6e7f-8091a2b3c4d5",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "from": { "id": "29:1a2b3c-user", "name": "Alex Morgan", "aadObjectId": "6f1c9f3e-1111-4c8e-9d6a-0a0b0c0d0e0f" },
          "conversation": { "conversationType": "personal", "tenantId": "72f988bf-0000-0000-0000-2d7cd011db47", "id": "a:1xyzPersonal" },
          "recipient": { "id": "28:00000000-0000-0000-0000-0000000000b0", "name": "Learning Bot" },
          "entities": [{ "locale": "en-GB", "country": "GB", "platform": "Windows", "timezone": "Europe/London", "type": "clientInfo" }],
          "channelData": { "tenant": { "id": "72f988bf-0000-0000-0000-2d7cd011db47" }, "source": { "name": "message" }, "legacy": { "replyToId": "1:1abcdef" } },
          "replyToId": "1772443000000",
          "value": {
            "action": { "type": "Action.Execute", "title": "Book", "verb": "course.book", "data": { "courseId": "MH-101", "session": 2 }, "id": "bookBtn" },
            "trigger": "manual"
          },
          "locale": "en-GB",
          "localTimezone": "Europe/London"
        }
        """;

    public const string ConversationUpdate = """
        {
          "membersAdded": [{ "id": "28:00000000-0000-0000-0000-0000000000b0" }, { "id": "29:new-member", "aadObjectId": "0d0e0f00-2222-4c8e-9d6a-0a0b0c0d0e0f" }],
          "type": "conversationUpdate",
          "timestamp": "2026-03-02T08:00:00.0000000Z",
          "id": "f:5f6e7d8c",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "from": { "id": "29:owner", "aadObjectId": "aaaa0000-3333-4c8e-9d6a-0a0b0c0d0e0f" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "72f988bf-0000-0000-0000-2d7cd011db47", "id": "19:team0@thread.tacv2" },
          "recipient": { "id": "28:00000000-0000-0000-0000-0000000000b0", "name": "Learning Bot" },
          "channelData": {
            "team": { "aadGroupId": "bbbb1111-4444-4c8e-9d6a-0a0b0c0d0e0f", "name": "Learning Hub", "id": "19:team0@thread.tacv2" },
            "eventType": "teamMemberAdded",
            "tenant": { "id": "72f988bf-0000-0000-0000-2d7cd011db47" },
            "settings": { "selectedChannel": { "id": "19:team0@thread.tacv2" } }
          }
        }
        """;

    public const string InstallationUpdate = """
        {
          "action": "add",
          "type": "installationUpdate",
          "timestamp": "2026-03-02T07:59:58.1Z",
          "id": "f:install-1",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "from": { "id": "29:1a2b3c-user", "aadObjectId": "6f1c9f3e-1111-4c8e-9d6a-0a0b0c0d0e0f" },
          "conversation": { "conversationType": "personal", "tenantId": "72f988bf-0000-0000-0000-2d7cd011db47", "id": "a:1xyzPersonal" },
          "recipient": { "id": "28:00000000-0000-0000-0000-0000000000b0", "name": "Learning Bot" },
          "entities": [{ "locale": "en-GB", "country": "GB", "platform": "Web", "timezone": "Europe/London", "type": "clientInfo" }],
          "channelData": { "settings": { "selectedChannel": { "id": "19:team0@thread.tacv2" } }, "source": { "name": "storeInstall" }, "tenant": { "id": "72f988bf-0000-0000-0000-2d7cd011db47" } },
          "locale": "en-GB"
        }
        """;

    public const string MessageReaction = """
        {
          "reactionsAdded": [{ "type": "like" }],
          "type": "messageReaction",
          "timestamp": "2026-03-02T09:30:00.5Z",
          "id": "1772443800500",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "from": { "id": "29:1a2b3c-user", "aadObjectId": "6f1c9f3e-1111-4c8e-9d6a-0a0b0c0d0e0f" },
          "conversation": { "conversationType": "personal", "tenantId": "72f988bf-0000-0000-0000-2d7cd011db47", "id": "a:1xyzPersonal" },
          "recipient": { "id": "28:00000000-0000-0000-0000-0000000000b0", "name": "Learning Bot" },
          "channelData": { "tenant": { "id": "72f988bf-0000-0000-0000-2d7cd011db47" }, "legacy": { "replyToId": "1:1abc" } },
          "replyToId": "1772443000000"
        }
        """;

    public static TheoryData<string, string> Samples => new()
    {
        { "channel message", ChannelMessage },
        { "adaptiveCard/action invoke", AdaptiveCardActionInvoke },
        { "conversationUpdate", ConversationUpdate },
        { "installationUpdate", InstallationUpdate },
        { "messageReaction", MessageReaction },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_field_survives_a_round_trip(string kind, string json)
    {
        var activity = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;

        var written = JsonSerializer.Serialize(activity, BotJson.Options);

        var expected = Normalise(JsonNode.Parse(json));
        var actual = Normalise(JsonNode.Parse(written));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{kind} changed:\n{expected}\n---\n{actual}");
    }

    [Fact]
    public void Known_fields_are_read_from_a_channel_message()
    {
        var activity = JsonSerializer.Deserialize<Activity>(ChannelMessage, BotJson.Options)!;

        Assert.True(activity.IsMessage);
        Assert.Equal("channel", activity.Conversation!.ConversationType);
        Assert.Equal("72f988bf-0000-0000-0000-2d7cd011db47", activity.GetTenantId());
        var channelData = activity.GetTeamsChannelData();
        Assert.Equal("19:f3b4c5@thread.tacv2", channelData.Channel!.Id);
        Assert.Equal("19:team0@thread.tacv2", channelData.Team!.Id);
        Assert.True(channelData.Properties!.ContainsKey("teamsChannelId"));
    }

    [Fact]
    public void Teams_channel_data_of_a_conversation_update_is_read()
    {
        var activity = JsonSerializer.Deserialize<Activity>(ConversationUpdate, BotJson.Options)!;

        var channelData = activity.GetTeamsChannelData();

        Assert.Equal("teamMemberAdded", channelData.EventType);
        Assert.Equal("Learning Hub", channelData.Team!.Name);
        Assert.Equal("bbbb1111-4444-4c8e-9d6a-0a0b0c0d0e0f", channelData.Team.AadGroupId);
        Assert.Equal("19:team0@thread.tacv2", channelData.Settings!.SelectedChannel!.Id);
        Assert.Contains(activity.MembersAdded!, m => m.Id == activity.Recipient!.Id);
    }

    [Fact]
    public void The_tenant_falls_back_to_the_conversation_when_channel_data_has_none()
    {
        var activity = new Activity { Conversation = new ConversationAccount { TenantId = "tenant-from-conversation" } };

        Assert.Equal("tenant-from-conversation", activity.GetTenantId());
    }

    [Fact]
    public void Channel_data_read_once_follows_a_copy_that_replaces_it()
    {
        var activity = new Activity { ChannelData = JsonDocument.Parse("""{ "tenant": { "id": "t-1" } }""").RootElement };
        Assert.Equal("t-1", activity.GetTenantId());

        var same = activity with { Text = "other" };
        var replaced = activity with { ChannelData = JsonDocument.Parse("""{ "tenant": { "id": "t-2" } }""").RootElement };

        Assert.Equal("t-1", same.GetTenantId());
        Assert.Equal("t-2", replaced.GetTenantId());
        Assert.Equal("t-1", activity.GetTenantId());
        Assert.Equal(activity with { }, activity);
    }

    [Theory]
    [InlineData("""{ "tenant": 5, "team": { "id": "19:team0@thread.tacv2" } }""", null, "19:team0@thread.tacv2")]
    [InlineData("""{ "tenant": { "id": 5 }, "channel": { "id": "19:c@thread.tacv2" } }""", null, null)]
    [InlineData("""{ "tenant": { "id": "t-1" }, "channel": "x" }""", "t-1", null)]
    [InlineData("""{ "tenant": { "id": "t-1" }, "team": [1, 2], "eventType": { "a": 1 } }""", "t-1", null)]
    [InlineData("""{ "tenant": { "id": "t-1" }, "settings": { "selectedChannel": 7 }, "notification": { "alert": "yes" } }""", "t-1", null)]
    [InlineData("\"str\"", null, null)]
    [InlineData("[1, { \"tenant\": { \"id\": \"t-1\" } }]", null, null)]
    [InlineData("42", null, null)]
    [InlineData("""{ "tenant": { "id": { "id": { "id": { "id": [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]] } } } } }""", null, null)]
    public void Malformed_channel_data_is_read_field_by_field_and_never_throws(string channelData, string? tenant, string? teamId)
    {
        var activity = new Activity
        {
            ChannelData = JsonDocument.Parse(channelData).RootElement,
            Conversation = new ConversationAccount { TenantId = null },
        };

        var read = activity.GetTeamsChannelData();

        Assert.Equal(tenant, read.Tenant?.Id);
        Assert.Equal(teamId, read.Team?.Id);
        Assert.Equal(tenant, activity.GetTenantId());
    }

    [Theory]
    [InlineData("""{ "action": "not an object" }""")]
    [InlineData("""{ "action": { "verb": 5 } }""")]
    [InlineData("[1, 2]")]
    public void A_value_of_the_wrong_shape_reads_as_nothing(string value)
    {
        var activity = new Activity { Value = JsonDocument.Parse(value).RootElement };

        Assert.Null(activity.GetValue<AdaptiveCardInvokeValue>());
    }

    [Fact]
    public void An_Action_Execute_value_is_read()
    {
        var activity = JsonSerializer.Deserialize<Activity>(AdaptiveCardActionInvoke, BotJson.Options)!;

        var value = activity.GetValue<AdaptiveCardInvokeValue>()!;

        Assert.Equal(InvokeNames.AdaptiveCardAction, activity.Name);
        Assert.Equal(AdaptiveCardInvokeAction.ExecuteType, value.Action!.Type);
        Assert.Equal("course.book", value.Action.Verb);
        Assert.Equal("bookBtn", value.Action.Id);
        Assert.Equal("MH-101", value.Action.Data!.Value.GetProperty("courseId").GetString());
        Assert.Equal("manual", value.Trigger);
    }

    [Fact]
    public void Reactions_and_installation_actions_are_read()
    {
        var reaction = JsonSerializer.Deserialize<Activity>(MessageReaction, BotJson.Options)!;
        var install = JsonSerializer.Deserialize<Activity>(InstallationUpdate, BotJson.Options)!;

        Assert.Equal("like", Assert.Single(reaction.ReactionsAdded!).Type);
        Assert.Equal("1772443000000", reaction.ReplyToId);
        Assert.Equal("add", install.Action);
    }

    /// <summary>Timestamps compare as instants (.NET writes <c>+00:00</c> where Teams writes <c>Z</c>).</summary>
    private static JsonNode? Normalise(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var name in new[] { "timestamp", "localTimestamp" })
            {
                if (obj[name] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    obj[name] = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return node;
    }
}
