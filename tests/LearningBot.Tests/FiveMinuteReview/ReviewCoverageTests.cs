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
        });
        await _h.SayAsync(ReviewHarness.Manager, "thanks");
        await _h.SayAsync(ReviewHarness.Outsider, "thanks");
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
        Assert.DoesNotContain(volunteerOrganisation, card, StringComparison.Ordinal);
        Assert.Contains("Dementia awareness: fewer than 5 people, fewer than 5 organisations", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Margaret", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Clear, calm handovers", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_a_manager_types_about_learning_never_reaches_the_coverage_card()
    {
        await _h.RunFullReviewAsync(_h.VolunteerId);

        await _h.SayAsync(ReviewHarness.Outsider, "review coverage");

        var card = Assert.Single(_h.CardsSentTo(ReviewHarness.Outsider), c => c.Contains("coverage and learning needs", StringComparison.Ordinal));
        Assert.DoesNotContain("new hoist", card, StringComparison.OrdinalIgnoreCase);
        var review = await _h.LatestReviewAsync(_h.VolunteerId);
        Assert.Equal("Using the new hoist on the first floor", review!.LearningTopics);
    }

    [Fact]
    public async Task People_not_yet_reviewed_count_against_coverage_and_small_numbers_are_hidden()
    {
        // Tom and Grace work at Harbour Lane; five more join them, and five at a smaller home that is counted with the rest.
        var seaview = "Seaview House " + Guid.NewGuid().ToString("N")[..6];
        foreach (var n in Enumerable.Range(1, 5))
        {
            _h.People.Add($"harbour-{n}-{Guid.NewGuid():N}", $"Harbour Carer {n}", ReviewHarness.Manager.AadObjectId);
            _h.People.Add($"seaview-{n}-{Guid.NewGuid():N}", $"Seaview Carer {n}", ReviewHarness.Manager.AadObjectId, organisation: seaview);
        }

        var coverage = _h.Bot.Services.GetRequiredService<ReviewCoverage>();
        await _h.PressAsync(ReviewHarness.Manager, "review.start", []); // the team list remembers everyone

        await _h.RunFullReviewAsync();
        var data = await coverage.CalculateAsync(CancellationToken.None);

        var harbourLane = Assert.Single(data.Organisations, l => l.Line.StartsWith("Harbour Lane Community Trust: ", StringComparison.Ordinal)).Line;
        Assert.StartsWith("Harbour Lane Community Trust: fewer than 5 of ", harbourLane, StringComparison.Ordinal);
        Assert.DoesNotContain(data.Organisations, l => l.Line.Contains("Seaview", StringComparison.Ordinal) || l.Line.Contains("1 of", StringComparison.Ordinal));
    }
}
