using LearningBot.BotHost;
using LearningBot.Connector.Hosting;

namespace LearningBot.FiveMinuteReview.Paper;

public static class PaperServiceCollectionExtensions
{
    /// <summary>Reviews on paper: the blank printable form and recording a review held on paper.</summary>
    public static IServiceCollection AddFiveMinuteReviewOnPaper(this IServiceCollection services)
    {
        services.AddSingleton<PaperReviewForm>();
        services.AddSingleton<IBotFeature, PaperReviewFeature>();
        services.AddSingleton<IEndpointFeature, BlankFormPage>();
        return services;
    }
}
