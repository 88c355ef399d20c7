using LearningBot.Connector.Hosting;
using LearningBot.FeedbackSignals.LearningNeeds;
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
            .AddSingleton<IBotFeature, FeedbackSignalsFeature>()
            .AddSignalAlerts();

    /// <summary>Themes and alerts: the rule in options (validated at start), the two tables, and the alert card's routes.</summary>
    private static IServiceCollection AddSignalAlerts(this IServiceCollection services)
    {
        services.AddOptions<SignalAlertOptions>().BindConfiguration(SignalAlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddOutboxTable(SignalAlerts.AlertsTable)
            .AddSingleton<SignalAlertCards>()
            .AddSingleton<SignalAlerts>()
            .AddSingleton<IOutboxHandler, SignalAlertChannelPost>()
            .AddSingleton<IBotFeature, SignalAlertsFeature>()
            .AddLearningNeedsAnalyses();
    }
}
