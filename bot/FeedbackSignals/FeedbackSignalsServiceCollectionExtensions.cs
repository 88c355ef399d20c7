using LearningBot.Connector.Hosting;
using LearningBot.Outbox;

namespace LearningBot.FeedbackSignals;

public static class FeedbackSignalsServiceCollectionExtensions
{
    /// <summary>
    /// Registers feedback signals: the form liaison staff log them with, their table (which holds the outbox rows of
    /// their moderation cards), and moderation in the L&amp;D channel (the escalation capability's expert channel).
    /// </summary>
    public static IServiceCollection AddFeedbackSignals(this IServiceCollection services) =>
        services
            .AddOutbox()
            .AddOutboxTable(FeedbackSignalStore.TableName)
            .AddSingleton<FeedbackSignalStore>()
            .AddSingleton<SignalCards>()
            .AddSingleton<SignalModeration>()
            .AddSingleton<IOutboxHandler, SignalModerationCard>()
            .AddHostedService<ModerationChannelWatch>()
            .AddSingleton<IBotFeature, FeedbackSignalsFeature>();
}
