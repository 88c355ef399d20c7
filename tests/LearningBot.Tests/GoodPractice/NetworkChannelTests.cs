using LearningBot.GoodPractice;
using LearningBot.GoodPractice.Networks;
using LearningBot.Outbox;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.GoodPractice.GoodPracticeHarness;

namespace LearningBot.Tests.GoodPractice;

/// <summary>
/// Networks' channels through the real pipeline: a network's lead (or the L&amp;D Support Team, choosing the network)
/// says "set network channel" in a Teams channel, and approved examples matching the network's topics are posted there,
/// once; nobody else can choose, and "stop network channel" stops it. The examples shared are about medicines and handover.
/// </summary>
public sealed class NetworkChannelTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private NetworkChannelScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await NetworkChannelScenario.StartAsync(azurite);

    public async Task DisposeAsync() => await _scenario.Hub.DisposeAsync();

    [Fact]
    public async Task A_channel_whose_name_the_message_does_not_carry_is_named_from_the_teams_channel_list()
    {
        var lead = await _scenario.AddNetworkAsync("Ola Network", "dementia");
        var channel = NetworkChannelScenario.NewChannel();

        var answer = Assert.Single(await _scenario.SayInChannelAsync(lead, channel, "set network channel", named: false));

        Assert.EndsWith("I will post it in this channel (General). Say \"stop network channel\" here to stop.", answer.Activity.Text, StringComparison.Ordinal);
        Assert.Equal("General", (await _scenario.Channels.FindAsync(lead.AadObjectId, CancellationToken.None))!.ChannelName);
    }

    [Fact]
    public async Task A_network_lead_sets_the_channel_and_an_approved_example_with_a_matching_topic_is_posted_there_once()
    {
        var lead = await _scenario.AddNetworkAsync("Nia Network", "medicines", "dementia");
        var channel = NetworkChannelScenario.NewChannel();

        var answer = Assert.Single(await _scenario.SayInChannelAsync(lead, channel, "set network channel"));
        Assert.Equal("Done: when the good-practice editors approve an example that matches the topics of Nia Network (dementia, medicines), I will post it in this channel (Good practice). Say \"stop network channel\" here to stop.", answer.Activity.Text);
        var stored = await _scenario.Channels.FindAsync(lead.AadObjectId, CancellationToken.None);
        Assert.Equal(channel, stored!.ConversationId);
        Assert.Equal("Good practice", stored.ChannelName);
        Assert.Equal("Networks", stored.TeamName);

        var id = await _scenario.ApproveAsync();
        var delivered = await _scenario.DeliveredAsync(lead, id);
        Assert.IsType<OutboxResult.Delivered>(await _scenario.RedeliverAsync(id));
        await _scenario.RedeliverAsync(id);
        Assert.Equal(delivered.DeliveryId, (await _scenario.DeliveredAsync(lead, id)).DeliveryId);

        var post = Assert.Single(_scenario.CardsPostedIn(channel));
        var card = CardJson.Of(post.Activity);
        Assert.Contains("Good practice for the network led by Nia Network", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Contains("It matches the network's topics: medicines.", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Contains("medicines summary at discharge", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Empty(CardJson.Verbs(card));
        Assert.Equal(1, delivered.Sent);
    }

    [Fact]
    public async Task A_network_whose_topics_the_example_does_not_match_gets_no_post()
    {
        var matching = await _scenario.AddNetworkAsync("Max Medicines", "medicines");
        var other = await _scenario.AddNetworkAsync("Dee Dementia", "dementia", "end-of-life");
        var medicinesChannel = NetworkChannelScenario.NewChannel();
        var dementiaChannel = NetworkChannelScenario.NewChannel();
        await _scenario.SayInChannelAsync(matching, medicinesChannel, "set network channel");
        await _scenario.SayInChannelAsync(other, dementiaChannel, "set network channel");

        var id = await _scenario.ApproveAsync();
        await _scenario.DeliveredAsync(matching, id);

        Assert.Single(_scenario.CardsPostedIn(medicinesChannel));
        Assert.Empty(_scenario.CardsPostedIn(dementiaChannel));
        Assert.Null(await _scenario.Channels.FindPostAsync(other.AadObjectId, id, CancellationToken.None));
    }

    [Fact]
    public async Task Rejects_someone_who_is_neither_the_network_lead_nor_the_support_team_and_stores_nothing()
    {
        await _scenario.AddNetworkAsync("Ola Open", "medicines");
        var stranger = Contributor();
        var channel = NetworkChannelScenario.NewChannel();

        var answer = Assert.Single(await _scenario.SayInChannelAsync(stranger, channel, "set network channel"));
        Assert.Equal(NetworkChannelFeature.NotNetworkLead, answer.Activity.Text);

        // A press of the pick card's button, as a crafted or forwarded card would send, for a network they do not lead.
        var networks = await _scenario.Hub.Bot.Services.GetRequiredService<NetworkNotifier>().NetworksAsync(CancellationToken.None);
        var pressed = await _scenario.ChooseInChannelAsync(stranger, channel, networks[0].PersonKey);
        Assert.Equal(NetworkChannelFeature.NotNetworkLead, pressed["value"]?.GetValue<string>());

        Assert.DoesNotContain(await _scenario.Channels.ListAsync(CancellationToken.None), c => c.ConversationId == channel);
        Assert.Equal(NetworkChannelFeature.NotNetworkLead, await _scenario.Hub.TypeForTextAsync(stranger, "network channel"));
    }

    [Fact]
    public async Task A_channel_chosen_just_after_midnight_in_british_summer_time_is_said_chosen_on_that_uk_day()
    {
        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June in London.
        _scenario.Hub.Clock.Now = new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero);
        var lead = await _scenario.AddNetworkAsync("Una Midnight", "medicines");
        await _scenario.SayInChannelAsync(lead, NetworkChannelScenario.NewChannel(), "set network channel");

        var shown = await _scenario.Hub.TypeForTextAsync(lead, "network channel");

        Assert.Contains("(chosen by Una Midnight on 16 June 2026)", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_support_team_picks_the_network_on_a_card_and_stop_removes_the_channel()
    {
        var lead = await _scenario.AddNetworkAsync("Pat Picked", "medicines");
        var channel = NetworkChannelScenario.NewChannel();

        var asked = Assert.Single(await _scenario.SayInChannelAsync(SupportTeam, channel, "set network channel"));
        var pick = CardJson.Of(asked.Activity);
        Assert.Contains("Which network is this channel for?", CardJson.Texts(pick), StringComparison.Ordinal);
        Assert.Contains(lead.AadObjectId, pick.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(await _scenario.Channels.FindAsync(lead.AadObjectId, CancellationToken.None));

        var chosen = await _scenario.ChooseInChannelAsync(SupportTeam, channel, lead.AadObjectId);
        Assert.Contains("I will post it in this channel (Good practice)", chosen["value"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(channel, (await _scenario.Channels.FindAsync(lead.AadObjectId, CancellationToken.None))!.ConversationId);
        Assert.Contains("Pat Picked: posted in Networks, Good practice", await _scenario.Hub.TypeForTextAsync(lead, "network channel"), StringComparison.Ordinal);

        var stopped = Assert.Single(await _scenario.SayInChannelAsync(lead, channel, "stop network channel"));
        Assert.StartsWith("Done: I will no longer post good practice for Pat Picked in this channel.", stopped.Activity.Text, StringComparison.Ordinal);
        Assert.Null(await _scenario.Channels.FindAsync(lead.AadObjectId, CancellationToken.None));

        var id = await _scenario.ApproveAsync();
        Assert.True(await Eventually.TrueAsync(async () => (await _scenario.Hub.Examples.FindAsync(id, CancellationToken.None))?.Status == ExampleStatus.Approved));
        await _scenario.RedeliverAsync(id);
        Assert.Empty(_scenario.CardsPostedIn(channel));
        Assert.Null(await _scenario.Channels.FindPostAsync(lead.AadObjectId, id, CancellationToken.None));
    }
}
