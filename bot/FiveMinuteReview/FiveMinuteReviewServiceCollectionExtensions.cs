using LearningBot.BotHost;
using LearningBot.Connector.Hosting;
using LearningBot.FiveMinuteReview.Asking;
using LearningBot.FiveMinuteReview.History;
using LearningBot.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;
using LearningBot.FiveMinuteReview.Paper;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

public static class FiveMinuteReviewServiceCollectionExtensions
{
    /// <summary>
    /// The Five Minute Review: its store, drafts, reminder job and printable page, and its bot features (the manager's
    /// flow, the reviewed person's, and coverage for the L&amp;D Support Team).
    /// </summary>
    public static IServiceCollection AddFiveMinuteReview(this IServiceCollection services)
    {
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddPublicLinks();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ReviewForms>();
        services.AddSingleton<ReviewTeamView>();
        services.AddSingleton<ReviewDelivery>();
        services.AddOutbox();
        services.AddOutboxTable(ReviewStore.TableName);
        services.AddSingleton<IOutboxHandler, ReviewPersonCopy>();
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
        services.AddFiveMinuteReviewOnPaper();
        services.AddReviewAsking();
        services.AddReviewHistory();
        return services;
    }

    private sealed class PrintEndpoint : IEndpointFeature
    {
        public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
            endpoints.MapGet("/reviews/{id}/print", PrintPage.HandleAsync);
    }
}
