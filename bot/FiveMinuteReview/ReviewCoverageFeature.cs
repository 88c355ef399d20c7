using LearningBot.Access;
using LearningBot.Connector.Hosting;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// <c>review coverage</c>: counts for the L&amp;D Support Team only (<see cref="ReviewCoverage"/>); the route guard
/// refuses everyone else before anything is counted.
/// </summary>
public sealed class ReviewCoverageFeature(ReviewCoverage coverage) : IBotFeature
{
    public void MapRoutes(BotRoutes routes)
    {
        routes.For(Roles.SupportTeam, "Sorry, review coverage figures are only for the L&D Support Team. Type **review** to see your own team.")
            .OnCommand(ShowCoverageAsync, "review coverage", "reviews coverage");
    }

    private async Task ShowCoverageAsync(ITurnContext turn) =>
        await turn.SendCardAsync(await coverage.RenderAsync(turn.Aborted));
}
