using System.Text.Json.Nodes;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview.Paper;

/// <summary>
/// A volunteer coordinator reviews the volunteers who report to them in the people directory, as a manager does:
/// one without Teams gets a printable copy through the coordinator, one with Teams gets their copy in Teams.
/// </summary>
public sealed class CoordinatorReviewTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;
    private TestPerson _coordinator = null!;
    private TestPerson _volunteerWithTeams = null!;
    private string _volunteerWithoutTeams = string.Empty;

    public async Task InitializeAsync()
    {
        _h = await ReviewHarness.StartAsync(azurite);
        _coordinator = TestPerson.Unique("coordinator", "Grace Lewis");
        _volunteerWithTeams = TestPerson.Unique("farah", "Farah Ali");
        _h.People.Add(_coordinator.AadObjectId, _coordinator.Name, ReviewHarness.Manager.AadObjectId);
        _h.People.Add(_volunteerWithTeams.AadObjectId, _volunteerWithTeams.Name, _coordinator.AadObjectId);
        _volunteerWithoutTeams = _h.People.Add("local:" + Guid.NewGuid().ToString("N"), "Bill Turner", _coordinator.AadObjectId, usesTeams: false).Id;
        await _h.SayAsync(_coordinator, "thanks");
        await _h.SayAsync(_volunteerWithTeams, "thanks");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_coordinator_sees_their_volunteers_and_records_a_paper_review_with_a_printable_copy_for_one_without_Teams()
    {
        var team = CardJson.FromInvoke(await _h.PressAsync(_coordinator, "review.start", []));
        Assert.Contains("Farah Ali", CardJson.Readable(team), StringComparison.Ordinal);
        Assert.Contains("Bill Turner", CardJson.Readable(team), StringComparison.Ordinal);

        var card = CardJson.FromInvoke(await _h.PressAsync(_coordinator, "review.paper", new JsonObject { ["personId"] = _volunteerWithoutTeams }));
        var saved = CardJson.Readable(CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, PaperForms.Held(), _coordinator)));

        Assert.Contains("Bill doesn't use Teams, so print this review and give them a copy.", saved, StringComparison.Ordinal);
        Assert.Contains("https://learningbot.example.org/reviews/", saved, StringComparison.Ordinal);
        var rows = await _h.Store.GetTeamRowsAsync(_coordinator.AadObjectId, CancellationToken.None);
        Assert.NotNull(rows.People[_volunteerWithoutTeams].LastReviewId);
    }

    [Fact]
    public async Task A_volunteer_with_Teams_gets_their_copy_from_their_coordinator_in_Teams()
    {
        var card = CardJson.FromInvoke(await _h.PressAsync(_coordinator, "review.paper", new JsonObject { ["personId"] = _volunteerWithTeams.AadObjectId }));

        var saved = CardJson.Readable(CardJson.FromInvoke(await PaperForms.SaveAsync(_h, card, PaperForms.Held("Run the Friday tea round"), _coordinator)));

        Assert.Contains("Review with Farah Ali saved", saved, StringComparison.Ordinal);
        Assert.True(await Eventually.TrueAsync(() => _h.CardsSentTo(_volunteerWithTeams).Any(c => c.Contains("Run the Friday tea round", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task The_coordinators_own_manager_cannot_review_the_volunteers()
    {
        var opened = await _h.PressAsync(ReviewHarness.Manager, "review.paper", new JsonObject { ["personId"] = _volunteerWithoutTeams });
        var started = await _h.PressAsync(ReviewHarness.Manager, "review.open", new JsonObject { ["personId"] = _volunteerWithoutTeams });

        Assert.Contains("only record a review for someone you look after", CardJson.MessageFromInvoke(opened), StringComparison.Ordinal);
        Assert.Contains("only the manager who runs a review", CardJson.MessageFromInvoke(started), StringComparison.Ordinal);
    }
}
