using LearningBot.Connector.Hosting;

namespace LearningBot.FiveMinuteReview;

public static class FiveMinuteReviewServiceCollectionExtensions
{
    /// <summary>The Five Minute Review: its bot routes, store, reminder job and printable page.</summary>
    public static IServiceCollection AddFiveMinuteReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ReviewForms>();
        services.AddSingleton<ReviewTeamView>();
        services.AddSingleton<ReviewDelivery>();
        services.AddSingleton<ReviewCoverage>();
        services.AddSingleton<PrintLinks>();
        services.AddSingleton<ReviewReminders>();
        services.AddHostedService(provider => provider.GetRequiredService<ReviewReminders>());
        services.AddSingleton<IBotFeature, FiveMinuteReviewFeature>();
        services.AddSingleton<IEndpointFeature, PrintEndpoint>();
        return services;
    }

    private sealed class PrintEndpoint : IEndpointFeature
    {
        public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
            endpoints.MapGet("/reviews/{id}/print", PrintPage.HandleAsync);
    }
}
