using LearningBot.Connector.Hosting;
using LearningBot.Outbox;

namespace LearningBot.GoodPractice.LeadNotices;

public static class LeadNoticesServiceCollectionExtensions
{
    /// <summary>
    /// Registers leads' good-practice alerts: the notices an approval owes (an outbox handler on the examples' table),
    /// the weekly bundle job, the reactions and the spread counts. The delivery engine and the register of leads are
    /// registered by their own capabilities.
    /// </summary>
    public static IServiceCollection AddGoodPracticeLeadNotices(this IServiceCollection services) => services
        .AddSingleton<LeadNoticeStore>()
        .AddSingleton<PracticeAlertCards>()
        .AddSingleton<LeadNotifier>()
        .AddSingleton<IOutboxHandler, LeadNoticeOutbox>()
        .AddSingleton<WeeklyPracticeBundle>()
        .AddHostedService(provider => provider.GetRequiredService<WeeklyPracticeBundle>())
        .AddSingleton<IBotFeature, LeadNoticeFeature>();
}
