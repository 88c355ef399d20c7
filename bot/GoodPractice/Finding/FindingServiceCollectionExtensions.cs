using LearningBot.Connector.Hosting;
using LearningBot.FeedbackSignals;
using LearningBot.GoodPractice.Links;
using LearningBot.OneStopShop.Answers;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.GoodPractice.Finding;

public static class FindingServiceCollectionExtensions
{
    /// <summary>
    /// Registers finding examples (the search, its card and the one-stop shop's "Colleagues elsewhere have tried this"),
    /// drafts from suggested compliments, digest candidates and the clean-up of abandoned drafts.
    /// </summary>
    public static IServiceCollection AddGoodPracticeFinding(this IServiceCollection services)
    {
        services.AddOptions<GoodPracticeFindingOptions>().BindConfiguration(GoodPracticeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<GoodPracticeSuggestions>();
        return services
            .AddPeriodicLeases()
            .AddSingleton<GoodPracticeFinder>()
            .AddSingleton<FindingCards>()
            .AddSingleton<IColleaguesPractice, GoodPracticeColleagues>()
            .AddSingleton<ComplimentDrafts>()
            .AddSingleton<GoodPracticeDigestCandidates>()
            .AddSingleton<AbandonedDraftCleanup>()
            .AddHostedService(provider => provider.GetRequiredService<AbandonedDraftCleanup>())
            .AddSingleton<IBotFeature, FindingFeature>()
            .AddSingleton<IBotFeature, SuggestionsFeature>();
    }
}
