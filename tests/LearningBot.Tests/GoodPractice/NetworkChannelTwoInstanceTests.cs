using LearningBot.Tests.Support;

namespace LearningBot.Tests.GoodPractice;

/// <summary>Two bot instances on one storage account post an approved example in a network's channel once.</summary>
public sealed class NetworkChannelTwoInstanceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private NetworkChannelScenario _first = null!;
    private NetworkChannelScenario _second = null!;

    public async Task InitializeAsync()
    {
        _first = await NetworkChannelScenario.StartAsync(azurite);
        _second = await NetworkChannelScenario.StartAsync(azurite);
    }

    public async Task DisposeAsync()
    {
        await _first.Hub.DisposeAsync();
        await _second.Hub.DisposeAsync();
    }

    [Fact]
    public async Task An_approval_delivered_on_both_instances_and_again_posts_once_in_the_network_channel()
    {
        var lead = await _first.AddNetworkAsync("Tia Twice", "handover-between-organisations");
        var channel = NetworkChannelScenario.NewChannel();
        await _first.SayInChannelAsync(lead, channel, "set network channel");

        var id = await _first.ApproveAsync();
        await Task.WhenAll(_first.RedeliverAsync(id), _second.RedeliverAsync(id), _second.RedeliverAsync(id));
        var delivered = await _first.DeliveredAsync(lead, id);
        await _second.RedeliverAsync(id);
        Assert.Equal(delivered.DeliveryId, (await _second.DeliveredAsync(lead, id)).DeliveryId);

        // The channel was chosen on the first instance, so every post to it, from either, lands on its connector.
        var post = Assert.Single(_first.CardsPostedIn(channel));
        Assert.Contains("Good practice for the network led by Tia Twice", CardJson.Texts(CardJson.Of(post.Activity)), StringComparison.Ordinal);
        Assert.Empty(_second.CardsPostedIn(channel));
        Assert.Equal(1, delivered.Sent);
    }
}
