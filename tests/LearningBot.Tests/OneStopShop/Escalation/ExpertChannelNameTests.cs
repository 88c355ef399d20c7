using System.Text.Json.Nodes;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.OneStopShop.Escalation.EscalationScenario;

namespace LearningBot.Tests.OneStopShop.Escalation;

/// <summary>
/// "set expert channel" names the channel it was said in. A Teams message carries only the channel's id, so the name
/// comes from the team's channel list (<c>GET v3/teams/{teamId}/conversations</c>, where General has no name); when it
/// cannot be found the confirmation says "this channel".
/// </summary>
public sealed class ExpertChannelNameTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Confirmation = "Done: questions for the L&D team will be posted in this channel";
    private const string ChannelList = "/_connector/v3/teams/19%3Ahub%40thread.tacv2/conversations";

    private EscalationScenario _hub = null!;

    public async Task InitializeAsync() => _hub = await EscalationScenario.StartAsync(azurite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task In_the_General_channel_the_confirmation_names_General_from_the_teams_channel_list()
    {
        await _hub.SetExpertChannelAsync();

        Assert.Equal(Confirmation + " (General).", LastReply());
        Assert.Contains(_hub.Connector.Requests, r => r.Method == "GET" && r.Path == ChannelList);
        Assert.Equal("General", (await StoredAsync())?.ChannelName);
    }

    [Fact]
    public async Task In_another_channel_the_confirmation_names_that_channel()
    {
        await _hub.Bot.PostActivityAsync(InChannel("19:courses@thread.tacv2"));

        Assert.Equal(Confirmation + " (Courses).", LastReply());
        Assert.Equal("Courses", (await StoredAsync())?.ChannelName);
    }

    [Fact]
    public async Task A_channel_missing_from_the_list_is_called_this_channel()
    {
        await _hub.Bot.PostActivityAsync(InChannel("19:new-channel@thread.tacv2"));

        Assert.Equal(Confirmation + ".", LastReply());
        Assert.Null((await StoredAsync())?.ChannelName);
    }

    [Fact]
    public async Task When_the_channel_list_cannot_be_read_the_channel_is_still_set_and_called_this_channel()
    {
        _hub.Connector.FailNext(new FakeFailure(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."));

        await _hub.SetExpertChannelAsync();

        Assert.Equal(Confirmation + ".", LastReply());
        Assert.Contains(_hub.Connector.Requests, r => r.Method == "GET" && r.Path == ChannelList);
        var stored = await StoredAsync();
        Assert.Equal(Channel, stored?.Conversation.Conversation?.Id);
        Assert.Null(stored?.ChannelName);
    }

    [Fact]
    public async Task A_name_Teams_sends_with_the_activity_is_used_without_asking()
    {
        var activity = _hub.ChannelMessage(Sam, "set expert channel");
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "L&D questions" };

        await _hub.Bot.PostActivityAsync(activity);

        Assert.Equal(Confirmation + " (L&D questions).", LastReply());
        Assert.DoesNotContain(_hub.Connector.Requests, r => r.Path == ChannelList);
    }

    /// <summary>Sam's "set expert channel" in another channel of the Learning Hub team, named by id only as Teams sends it.</summary>
    private JsonObject InChannel(string channelId)
    {
        var activity = _hub.ChannelMessage(Sam, "set expert channel");
        activity["conversation"]!["id"] = channelId + ";messageid=1700000000001";
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = channelId };
        return activity;
    }

    private string? LastReply() => _hub.Connector.Sent[^1].Activity.Text;

    private Task<ExpertChannel?> StoredAsync() =>
        _hub.Bot.Services.GetRequiredService<ExpertChannelStore>().GetAsync(CancellationToken.None);
}
