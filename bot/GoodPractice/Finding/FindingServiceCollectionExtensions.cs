using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;

namespace LearningBot.GoodPractice.Finding;

public static class FindingServiceCollectionExtensions
{
    /// <summary>Registers finding examples: the search, its cards and the one-stop shop's "Colleagues elsewhere have tried this".</summary>
    public static IServiceCollection AddGoodPracticeFinding(this IServiceCollection services)
    {
        services.AddOptions<GoodPracticeFindingOptions>().BindConfiguration(GoodPracticeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<GoodPracticeFinder>()
            .AddSingleton<FindingCards>()
            .AddSingleton<IColleaguesPractice, GoodPracticeColleagues>()
            .AddSingleton<IBotFeature, FindingFeature>();
    }
}
