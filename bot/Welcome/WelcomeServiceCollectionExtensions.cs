using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;
using LearningBot.Welcome.SmallTalk;

namespace LearningBot.Welcome;

public static class WelcomeServiceCollectionExtensions
{
    public static IServiceCollection AddWelcome(this IServiceCollection services) =>
        services
            .AddSingleton<WelcomedConversations>()
            .AddSingleton<IBotFeature, WelcomeFeature>()
            .AddSingleton<ISmallTalk, SmallTalkReplies>();
}
