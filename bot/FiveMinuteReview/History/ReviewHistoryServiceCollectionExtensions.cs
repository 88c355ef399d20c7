using LearningBot.Connector.Hosting;

namespace LearningBot.FiveMinuteReview.History;

public static class ReviewHistoryServiceCollectionExtensions
{
    /// <summary>The person's own reviews (<c>my reviews</c>), and their record as it follows them from manager to manager.</summary>
    public static IServiceCollection AddReviewHistory(this IServiceCollection services)
    {
        services.AddSingleton<ReviewHistory>();
        services.AddSingleton<IBotFeature, MyReviewsFeature>();
        services.AddSingleton<IBotFeature, EarlierReviewsFeature>();
        return services;
    }
}
