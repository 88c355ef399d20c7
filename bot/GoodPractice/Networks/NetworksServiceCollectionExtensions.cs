using LearningBot.Connector.Hosting;

namespace LearningBot.GoodPractice.Networks;

public static class NetworksServiceCollectionExtensions
{
    /// <summary>Registers networks' channels: choosing one, and posting approved examples that match a network's topics there.</summary>
    public static IServiceCollection AddGoodPracticeNetworkChannels(this IServiceCollection services) => services
        .AddSingleton<NetworkChannelStore>()
        .AddSingleton<NetworkCards>()
        .AddSingleton<NetworkNotifier>()
        .AddSingleton<IBotFeature, NetworkChannelFeature>();
}
