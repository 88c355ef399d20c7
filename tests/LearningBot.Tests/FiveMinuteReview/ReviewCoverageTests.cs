using LearningBot.FiveMinuteReview;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.FiveMinuteReview;

public sealed class ReviewCoverageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await ReviewHarness.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Roles:SupportTeam:0"] = ReviewHarness.Outsider.AadObjectId,
            ["FiveMinuteReview:SmallNumberThreshold"] = "1",
        });
        await _h.SayAsync(ReviewHarness.Manager, "hello");
        await _h.SayAsync(ReviewHarness.Outsider, "hello");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_support_team_sees_counts_only_and_managers_are_refused()
    {
        await _h.RunFullReviewAsync(_h.VolunteerId);

        await _h.SayAsync(ReviewHarness.Manager, "review coverage");
        await _h.SayAsync(ReviewHarness.Outsider, "review coverage");

        Assert.Contains(_h.TextsSentTo(ReviewHarness.Manager), t => t.Contains("only for the L&D Support Team", StringComparison.Ordinal));
        var card = Assert.Single(_h.CardsSentTo(ReviewHarness.Outsider), c => c.Contains("coverage and learning needs", StringComparison.Ordinal));
        var volunteerOrganisation = (await _h.People.GetPersonAsync(_h.VolunteerId, CancellationToken.None))!.Organisation!;
        Assert.Contains($"{volunteerOrganisation}: 1 of 1 person (100%)", card, StringComparison.Ordinal);
        Assert.Contains("dementia awareness: ", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Margaret", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Clear, calm handovers", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_not_yet_reviewed_count_against_coverage_and_small_numbers_are_hidden()
    {
        var coverage = _h.Bot.Services.GetRequiredService<ReviewCoverage>();
        await _h.PressAsync(ReviewHarness.Manager, "review.start", []); // the team list remembers Tom and Grace

        await _h.RunFullReviewAsync();
        var data = await coverage.CalculateAsync(CancellationToken.None);

        Assert.Contains(data.Organisations, l => l.Line.StartsWith("Harbour Lane Community Trust: ", StringComparison.Ordinal) && !l.Line.Contains("(100%)", StringComparison.Ordinal));
        Assert.Equal(["dementia awareness", "moving and handling"], ReviewCoverage.Topics(" Dementia  awareness, moving and handling; dementia awareness.").ToArray());
    }
}
