using LearningBot.Connector.Hosting;

namespace LearningBot.FiveMinuteReview;

public static class FiveMinuteReviewServiceCollectionExtensions
{
    /// <summary>
    /// The Five Minute Review: its store, drafts, reminder job and printable page, and its bot features (the manager's
    /// flow, the reviewed person's, and coverage for the L&amp;D Support Team).
    /// </summary>
    public static IServiceCollection AddFiveMinuteReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section))
            .Validate(o => o.CadenceMonths is > 0 and <= 24, "FiveMinuteReview:CadenceMonths must be between 1 and 24.")
            .Validate(o => o.DueSoonDays is >= 0 and <= 60, "FiveMinuteReview:DueSoonDays must be between 0 and 60.")
            .Validate(o => o.PrintLinkLifetime > TimeSpan.Zero && o.PrintLinkLifetime <= TimeSpan.FromDays(31), "FiveMinuteReview:PrintLinkLifetime must be between a moment and 31 days.")
            .Validate(o => o.ReminderInterval >= TimeSpan.FromMinutes(1), "FiveMinuteReview:ReminderInterval must be at least a minute.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ReviewForms>();
        services.AddSingleton<ReviewTeamView>();
        services.AddSingleton<ReviewDelivery>();
        services.AddSingleton<ReviewCoverage>();
        services.AddSingleton<PrintLinks>();
        services.AddSingleton<ReviewReminders>();
        services.AddHostedService(provider => provider.GetRequiredService<ReviewReminders>());
        services.AddSingleton<ReviewDrafts>();
        services.AddSingleton<ReviewPrivateChat>();
        services.AddSingleton<IBotFeature, ManagerReviewFeature>();
        services.AddSingleton<IBotFeature, PersonReviewFeature>();
        services.AddSingleton<IBotFeature, ReviewCoverageFeature>();
        services.AddSingleton<IEndpointFeature, PrintEndpoint>();
        return services;
    }

    private sealed class PrintEndpoint : IEndpointFeature
    {
        public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
            endpoints.MapGet("/reviews/{id}/print", PrintPage.HandleAsync);
    }
}
