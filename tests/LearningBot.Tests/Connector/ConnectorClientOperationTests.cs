using System.Text.Json;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Connector;

public sealed class ConnectorClientOperationTests : ConnectorClientTest
{
    private const string ChannelThread = "19:abc123@thread.tacv2;messageid=1700000000001";

    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = "must-not-be-sent",
        Timestamp = DateTimeOffset.UtcNow,
        Text = text,
        From = new ChannelAccount { Id = "28:bot-app-id", Name = "Learning Bot" },
        Conversation = new ConversationAccount { Id = ChannelThread },
    };

    [Fact]
    public async Task Send_posts_to_the_conversation_with_its_id_escaped()
    {
        var sent = await Client.SendToConversationAsync(ChannelThread, Message("hello"));

        var request = Assert.Single(Connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/_connector/v3/conversations/19%3Aabc123%40thread.tacv2%3Bmessageid%3D1700000000001/activities", request.Path);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        var stored = Assert.Single(Connector.Sent);
        Assert.Equal(stored.ActivityId, sent.Id);
        Assert.Equal(ChannelThread, stored.ConversationId);
        Assert.Equal("hello", stored.Activity.Text);
    }

    [Fact]
    public async Task Outbound_activity_leaves_out_id_timestamp_and_nulls()
    {
        await Client.SendToConversationAsync(ChannelThread, Message("hello"));

        var body = Connector.Requests.Single().BodyJson!;
        Assert.False(body.ContainsKey("id"));
        Assert.False(body.ContainsKey("timestamp"));
        Assert.False(body.ContainsKey("locale"));
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("28:bot-app-id", (string?)body["from"]!["id"]);
    }

    [Fact]
    public async Task Reply_posts_under_the_activity_it_answers()
    {
        var reply = await Client.ReplyToActivityAsync("a:1x-Personal_Chat", "1699999999999", Message("thanks"));

        var request = Assert.Single(Connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/_connector/v3/conversations/a%3A1x-Personal_Chat/activities/1699999999999", request.Path);
        var stored = Assert.Single(Connector.Sent);
        Assert.Equal("1699999999999", stored.ReplyToId);
        Assert.Equal(stored.ActivityId, reply.Id);
    }

    [Fact]
    public async Task Update_puts_the_new_activity_at_its_id()
    {
        var sent = await Client.SendToConversationAsync("a:1", Message("draft"));

        var updated = await Client.UpdateActivityAsync("a:1", sent.Id!, Message("final"));

        var request = Connector.Requests[^1];
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/_connector/v3/conversations/a%3A1/activities/{sent.Id}", request.Path);
        Assert.Equal(sent.Id, updated.Id);
        Assert.Equal("final", Assert.Single(Connector.Current("a:1")).Activity.Text);
    }

    [Fact]
    public async Task Delete_removes_the_activity()
    {
        var sent = await Client.SendToConversationAsync("a:1", Message("oops"));

        await Client.DeleteActivityAsync("a:1", sent.Id!);

        var request = Connector.Requests[^1];
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"/_connector/v3/conversations/a%3A1/activities/{sent.Id}", request.Path);
        Assert.Empty(Connector.Current("a:1"));
    }

    [Fact]
    public async Task Create_conversation_posts_a_personal_chat_request_and_returns_its_id()
    {
        using var tenant = JsonDocument.Parse("""{"tenant":{"id":"tenant-1"}}""");
        var created = await Client.CreateConversationAsync(new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:bot-app-id" },
            Members = [new ChannelAccount { Id = "29:1user" }],
            ChannelData = tenant.RootElement.Clone(),
            TenantId = "tenant-1",
        });

        var request = Assert.Single(Connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/_connector/v3/conversations", request.Path);
        var body = request.BodyJson!;
        Assert.Equal("28:bot-app-id", (string?)body["bot"]!["id"]);
        Assert.Equal("29:1user", (string?)body["members"]![0]!["id"]);
        Assert.Equal("tenant-1", (string?)body["channelData"]!["tenant"]!["id"]);
        Assert.Equal("tenant-1", (string?)body["tenantId"]);
        Assert.False((bool)body["isGroup"]!);
        Assert.StartsWith("a:", created.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_conversation_in_a_channel_returns_the_thread_and_first_activity()
    {
        using var channel = JsonDocument.Parse("""{"channel":{"id":"19:courses@thread.tacv2"}}""");
        var created = await Client.CreateConversationAsync(new ConversationParameters
        {
            IsGroup = true,
            ChannelData = channel.RootElement.Clone(),
            Activity = Message("New course published"),
        });

        Assert.Equal($"19:courses@thread.tacv2;messageid={created.ActivityId}", created.Id);
        Assert.False(Connector.Requests.Single().BodyJson!["activity"]!.AsObject().ContainsKey("id"));
    }

    [Fact]
    public async Task Members_are_listed_and_one_member_is_fetched_by_escaped_id()
    {
        Connector.Members.AddRange([Member(1), Member(2)]);

        var all = await Client.GetConversationMembersAsync("a:1");
        var one = await Client.GetConversationMemberAsync("a:1", "29:user-2");

        Assert.Equal(["29:user-1", "29:user-2"], all.Select(m => m.Id));
        Assert.Equal("user2@example.org", one.UserPrincipalName);
        Assert.Equal("/_connector/v3/conversations/a%3A1/members", Connector.Requests[0].Path);
        Assert.Equal("/_connector/v3/conversations/a%3A1/members/29%3Auser-2", Connector.Requests[1].Path);
    }

    [Fact]
    public async Task Paged_members_follow_the_continuation_token()
    {
        Connector.Members.AddRange(Enumerable.Range(1, 120).Select(Member));

        var first = await Client.GetConversationPagedMembersAsync("a:1", pageSize: 50);
        var second = await Client.GetConversationPagedMembersAsync("a:1", pageSize: 50, continuationToken: first.ContinuationToken);
        var third = await Client.GetConversationPagedMembersAsync("a:1", pageSize: 50, continuationToken: second.ContinuationToken);

        Assert.Equal(50, first.Members!.Count);
        Assert.Equal(50, second.Members!.Count);
        Assert.Equal(20, third.Members!.Count);
        Assert.Null(third.ContinuationToken);
        Assert.Equal("29:user-51", second.Members[0].Id);
        Assert.Equal("/_connector/v3/conversations/a%3A1/pagedmembers?pageSize=50&continuationToken=50", Connector.Requests[1].RawTarget);
    }

    [Theory]
    [InlineData(10, 50)]
    [InlineData(120, 120)]
    [InlineData(1000, 500)]
    public async Task Paged_members_page_size_is_clamped_to_50_through_500(int asked, int sent)
    {
        await Client.GetConversationPagedMembersAsync("a:1", pageSize: asked);

        Assert.Equal(sent.ToString(System.Globalization.CultureInfo.InvariantCulture), Connector.Requests.Single().QueryValues["pageSize"]);
    }

    [Fact]
    public async Task Team_details_and_channels_are_read_by_escaped_team_id()
    {
        var team = await Client.GetTeamDetailsAsync("19:team@thread.tacv2");
        var channels = await Client.GetTeamChannelsAsync("19:team@thread.tacv2");

        Assert.Equal("Learning Hub", team.Name);
        Assert.Equal("/_connector/v3/teams/19%3Ateam%40thread.tacv2", Connector.Requests[0].Path);
        Assert.Equal("/_connector/v3/teams/19%3Ateam%40thread.tacv2/conversations", Connector.Requests[1].Path);
        Assert.Contains(channels, c => c.Name is null && c.Id == "19:team@thread.tacv2");
        Assert.Contains(channels, c => c.Name == "Courses");
    }

    [Theory]
    [InlineData("/teams/")]
    [InlineData("/teams")]
    public async Task Paths_are_joined_under_the_service_url_path(string basePath)
    {
        await using var connector = await FakeConnector.StartAsync(basePath: "/teams");
        var client = Services.ClientFor($"http://127.0.0.1:{connector.Port}{basePath}");

        await client.SendToConversationAsync("a:1", Message("hi"));

        Assert.Equal("/teams/v3/conversations/a%3A1/activities", connector.Requests.Single().Path);
    }

    private static TeamsChannelAccount Member(int n) => new()
    {
        Id = $"29:user-{n}",
        Name = $"User {n}",
        UserPrincipalName = $"user{n}@example.org",
        AadObjectId = Guid.NewGuid().ToString(),
    };
}
