using LearningBot.Connector.Hosting;

namespace LearningBot.Welcome;

public static class WelcomeServiceCollectionExtensions
{
    public static IServiceCollection AddWelcome(this IServiceCollection services) =>
        services.AddSingleton<IBotFeature, WelcomeFeature>();
}
