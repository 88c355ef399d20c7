using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Finding;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.People;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>Finding offers in the test catalogue: intent, filters, ranking and who may see what.</summary>
public sealed class CourseFinderTests
{
    /// <summary>Thursday 3 December 2026, mid-morning in the UK.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "LearningBot.Tests", "LearningDirectory");

    public static CourseFinder Finder(DateTimeOffset now, ICourseCatalogue? catalogue = null) => new(
        catalogue ?? TestCatalogue.Load(Folder, now),
        SynonymTable.Load(Path.Combine(RepoPaths.Root, "knowledge", "synonyms.txt")),
        new ManualClock(now));

    private readonly CourseFinder _finder = Finder(Now);

    [Theory]
    [InlineData("how do i get on a moving and handling course")]
    [InlineData("any courses on dementia?")]
    [InlineData("i need to renew my basic life support, where do i book")]
    [InlineData("wheres the e-learning for safeguarding adults")]
    [InlineData("anything on end of life care next month")]
    [InlineData("BLS refresher")]
    public async Task A_question_looking_for_a_course_is_read_as_one(string question)
    {
        var found = await _finder.FindAsync(question, null, CancellationToken.None);

        Assert.True(found.Question.IsCourseSeeking);
        Assert.NotEmpty(found.Matches);
    }

    [Theory]
    [InlineData("how do i find a mentor")]
    [InlineData("what is a learning needs analysis")]
    [InlineData("who is my L&D lead")]
    public async Task An_advice_question_is_not_read_as_looking_for_a_course(string question)
    {
        var found = await _finder.FindAsync(question, null, CancellationToken.None);

        Assert.False(found.Question.IsCourseSeeking);
    }

    [Fact]
    public async Task Any_courses_on_dementia_finds_the_dementia_offers_open_to_the_asker()
    {
        var found = await _finder.FindAsync("any courses on dementia?", OrganisationKinds.VoluntarySector, CancellationToken.None);

        Assert.Equal(["dementia-awareness-tier-1"], found.Matches.Select(m => m.Offer.Id));
        Assert.Equal(1.0, found.Confidence, 2);
    }

    [Fact]
    public async Task An_acronym_finds_the_course_by_its_full_name()
    {
        var found = await _finder.FindAsync("BLS refresher", null, CancellationToken.None);

        Assert.Equal("bls-refresher", found.Matches[0].Offer.Id);
    }

    [Fact]
    public async Task A_typing_slip_still_finds_the_course()
    {
        var found = await _finder.FindAsync("safegaurding adults training", null, CancellationToken.None);

        Assert.Equal("safeguarding-adults-level-1", found.Matches[0].Offer.Id);
    }

    [Fact]
    public async Task An_offer_restricted_to_some_organisations_is_hidden_from_other_kinds()
    {
        var council = await _finder.FindAsync("conflict resolution course", OrganisationKinds.Council, CancellationToken.None);
        var hospital = await _finder.FindAsync("conflict resolution course", OrganisationKinds.AcuteTrust, CancellationToken.None);

        Assert.Empty(council.Matches);
        Assert.Equal("conflict-resolution", Assert.Single(hospital.Matches).Offer.Id);
    }

    [Fact]
    public async Task An_asker_of_unknown_organisation_sees_only_offers_open_to_all_and_is_told_so()
    {
        var found = await _finder.FindAsync("dementia training", null, CancellationToken.None);

        Assert.Equal(["dementia-awareness-tier-1"], found.Matches.Select(m => m.Offer.Id));
        Assert.True(found.OnlyOpenToAll);
    }

    [Fact]
    public async Task Next_month_keeps_only_sessions_in_next_month_in_UK_time()
    {
        var found = await _finder.FindAsync("anything on end of life care next month", null, CancellationToken.None);

        var match = Assert.Single(found.Matches);
        Assert.Equal("next month", found.Question.When!.Words);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), found.Question.When.From);
        Assert.All(match.Sessions, s => Assert.Equal(1, s.Starts.Month));
        Assert.NotEmpty(match.Sessions);
    }

    [Fact]
    public async Task Near_a_place_keeps_only_sessions_there()
    {
        var found = await _finder.FindAsync("moving and handling course near wisbech", null, CancellationToken.None);

        Assert.Equal("wisbech", found.Question.Place);
        var classroom = Assert.Single(found.Matches, m => m.Offer.Id == "moving-handling-people");
        Assert.All(classroom.Sessions, s => Assert.Contains("Wisbech", s.Place, StringComparison.Ordinal));
        Assert.Empty(found.Notes);
    }

    [Fact]
    public async Task A_place_with_no_sessions_is_let_go_and_said_so()
    {
        var found = await _finder.FindAsync("bls training near cambridge", null, CancellationToken.None);

        Assert.Equal("bls-refresher", found.Matches[0].Offer.Id);
        Assert.Equal(3, found.Matches[0].Sessions.Count);
        Assert.Contains(found.Notes, n => n.StartsWith("No sessions near Cambridge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Asking_for_e_learning_keeps_only_e_learning()
    {
        var found = await _finder.FindAsync("wheres the e-learning for safeguarding adults", OrganisationKinds.Council, CancellationToken.None);

        Assert.Equal(["safeguarding-adults-level-1"], found.Matches.Select(m => m.Offer.Id));
    }

    [Fact]
    public async Task A_question_with_only_a_time_lists_the_soonest_sessions()
    {
        var found = await _finder.FindAsync("what courses are on next week", null, CancellationToken.None);

        Assert.NotEmpty(found.Matches);
        Assert.All(found.Matches, m => Assert.All(m.Sessions, s => Assert.True(found.Question.When!.Holds(s.Starts))));
    }

    [Fact]
    public async Task A_new_catalogue_list_is_searched_at_once()
    {
        var catalogue = TestCatalogue.Load(Folder, Now);
        var finder = Finder(Now, catalogue);
        Assert.NotEmpty((await finder.FindAsync("dementia course", null, CancellationToken.None)).Matches);

        catalogue.Listings = [.. catalogue.Listings.Where(l => !l.Offer.Topics.Contains("dementia"))];

        Assert.Empty((await finder.FindAsync("dementia course", null, CancellationToken.None)).Matches);
    }

    [Fact]
    public async Task Upcoming_sessions_for_an_article_are_its_offers_with_dates()
    {
        var listings = await _finder.ForArticleAsync("mandatory-statutory-training", null, CancellationToken.None);

        Assert.Equal(["bls-refresher", "moving-handling-people"], listings.Select(l => l.Offer.Id));
    }
}
