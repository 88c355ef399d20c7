using LearningBot.BotHost;
using LearningBot.Connector.Hosting;

namespace LearningBot.FeedbackSignals.LearningNeeds;

public static class LearningNeedsServiceCollectionExtensions
{
    /// <summary>Learning needs analyses from feedback alerts: their table, cards, routes and printable page.</summary>
    public static IServiceCollection AddLearningNeedsAnalyses(this IServiceCollection services) =>
        services
            .AddPublicLinks()
            .AddSingleton<LearningNeedsStore>()
            .AddSingleton<LnaAccess>()
            .AddSingleton<LnaPrintLinks>()
            .AddSingleton<LnaCards>()
            .AddSingleton<IBotFeature, LearningNeedsFeature>()
            .AddSingleton<IEndpointFeature, LnaPrintPage>();
}
