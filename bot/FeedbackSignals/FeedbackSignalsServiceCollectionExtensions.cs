using LearningBot.Access;
using LearningBot.BotHost;
using LearningBot.Connector.Hosting;
using LearningBot.FeedbackSignals.LearningNeeds;
using LearningBot.OneStopShop.Escalation;
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
            .AddWaitingForExpertChannel(FeedbackSignalStore.TableName, FeedbackSignal.Partition)
            .AddWaitingForExpertChannel(SignalAlerts.AlertsTable, SignalAlert.Partition)
            .AddSingleton<IBotFeature, FeedbackSignalsFeature>()
            .AddSignalAlerts()
            .AddSignalIntake()
            .AddSignalReport()
            .AddSignalLoop();

    /// <summary>The paper route (the printable slip and entering slips on a group's behalf) and merging into a theme.</summary>
    private static IServiceCollection AddSignalIntake(this IServiceCollection services)
    {
        services.AddOptions<SignalSlipOptions>().BindConfiguration(SignalSlipOptions.Section);
        return services
            .AddPublicLinks()
            .AddSingleton<SignalSlipLink>()
            .AddSingleton<ThemeMergeChoices>()
            .AddSingleton<IEndpointFeature, SignalSlipEndpoint>()
            .AddSingleton<IBotFeature, SignalIntakeFeature>();
    }

    /// <summary>Themes and alerts: the rule in options (validated at start), the two tables, and the alert card's routes.</summary>
    private static IServiceCollection AddSignalAlerts(this IServiceCollection services)
    {
        services.AddOptions<SignalAlertOptions>().BindConfiguration(SignalAlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddOutboxTable(SignalAlerts.AlertsTable)
            .AddSingleton<SignalAlertCards>()
            .AddSingleton<SignalAlerts>()
            .AddAlertChannelPost(AlertChannelPurpose.NoLead)
            .AddSingleton<IBotFeature, SignalAlertsFeature>()
            .AddAlertLifecycle()
            .AddLearningNeedsAnalyses();
    }

    private static IServiceCollection AddAlertChannelPost(this IServiceCollection services, AlertChannelPurpose purpose) =>
        services.AddSingleton<IOutboxHandler>(provider => ActivatorUtilities.CreateInstance<AlertChannelPost>(provider, purpose));

    /// <summary>Passing alerts on, reminders, the head's notice, deliveries not started and weekly bundles.</summary>
    private static IServiceCollection AddAlertLifecycle(this IServiceCollection services) =>
        services
            .AddSingleton<AlertStore>()
            .AddSingleton<WeeklyAlertBundle>()
            .AddSingleton<AlertFollowUp>()
            .AddHostedService(provider => provider.GetRequiredService<AlertFollowUp>())
            .AddAlertChannelPost(AlertChannelPurpose.Overdue)
            .AddSingleton<IBotFeature, AlertLifecycleFeature>();

    /// <summary>The quarterly report: who sees what, and the <c>signal report</c> command and card.</summary>
    private static IServiceCollection AddSignalReport(this IServiceCollection services) =>
        services
            .AddSingleton<SignalReport>()
            .AddSingleton<SignalReportAudience>()
            .AddSingleton<IRoleMembers, LearningLeadReportReaders>()
            .AddSingleton<IBotFeature, SignalReportFeature>();

    /// <summary>Closing the loop ("you said, we did") and recognising compliments.</summary>
    private static IServiceCollection AddSignalLoop(this IServiceCollection services) =>
        services
            .AddSingleton<YouSaidWeDidStore>()
            .AddSingleton<YouSaidWeDidLoop>()
            .AddSingleton<IBotFeature, YouSaidWeDidFeature>()
            .AddSingleton<GoodPracticeSuggestions>()
            .AddSingleton<SignalCompliments>()
            .AddSingleton<IBotFeature, ComplimentsFeature>();
}
