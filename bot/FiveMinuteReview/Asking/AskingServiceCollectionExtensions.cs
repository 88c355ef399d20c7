using LearningBot.Connector.Hosting;

namespace LearningBot.FiveMinuteReview.Asking;

public static class AskingServiceCollectionExtensions
{
    /// <summary>Asking for a review, the first-review guide and discarding a draft.</summary>
    public static IServiceCollection AddReviewAsking(this IServiceCollection services)
    {
        services.AddOptions<AskingOptions>().BindConfiguration(ReviewOptions.Section);
        services.AddSingleton<ReviewRequests>();
        services.AddSingleton<FirstReviewGuide>();
        services.AddSingleton<IBotFeature, ReviewRequestFeature>();
        services.AddSingleton<IBotFeature, DraftDiscardFeature>();
        return services;
    }
}
