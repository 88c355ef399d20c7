using LearningBot.Connector.Hosting;

namespace LearningBot.FeedbackSignals;

public static class FeedbackSignalsServiceCollectionExtensions
{
    /// <summary>Registers feedback signals: the form liaison staff log them with, and their table.</summary>
    public static IServiceCollection AddFeedbackSignals(this IServiceCollection services) =>
        services
            .AddSingleton<FeedbackSignalStore>()
            .AddSingleton<SignalCards>()
            .AddSingleton<IBotFeature, FeedbackSignalsFeature>();
}
