using LearningBot.Connector.Hosting;
using LearningBot.GoodPractice.LeadNotices;
using LearningBot.GoodPractice.Finding;
using LearningBot.GoodPractice.Networks;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Outbox;
using LearningBot.Storage.Leases;

namespace LearningBot.GoodPractice;

public static class GoodPracticeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the good-practice exchange: sharing (and entry on someone's behalf), the examples' table (which holds the
    /// outbox rows of their moderation cards and the contributors' notices), moderation by the good-practice editors in
    /// the L&amp;D channel, and the review-date check.
    /// </summary>
    public static IServiceCollection AddGoodPractice(this IServiceCollection services)
    {
        services.AddOptions<GoodPracticeOptions>().BindConfiguration(GoodPracticeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddOutbox()
            .AddOutboxTable(GoodPracticeStore.TableName)
            .AddPeriodicLeases()
            .AddSingleton<GoodPracticeStore>()
            .AddSingleton<GoodPracticeCards>()
            .AddSingleton<GoodPracticeModeration>()
            .AddSingleton<GoodPracticeSharing>()
            .AddSingleton<IOutboxHandler, GoodPracticeModerationCard>()
            .AddWaitingForExpertChannel(GoodPracticeStore.TableName, GoodPracticeExample.Partition)
            .AddSingleton<ReviewDateCheck>()
            .AddHostedService(provider => provider.GetRequiredService<ReviewDateCheck>())
            .AddSingleton<IBotFeature, SharingFeature>()
            .AddSingleton<IBotFeature, EditorFeature>()
            .AddGoodPracticeLeadNotices()
            .AddGoodPracticeFinding()
            .AddGoodPracticeNetworkChannels();
    }
}
