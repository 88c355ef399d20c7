using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Signposts;

namespace LearningBot.Tests.OneStopShop.Signposts;

/// <summary>The signposts file the L&amp;D team edit: what ships, and what a broken file says.</summary>
public sealed class SignpostBookTests
{
    private static readonly SignpostBook Shipped = SignpostBook.Load(Path.Combine(KnowledgeFixtures.RealKnowledgeFolder, SignpostBook.FileName));

    [Fact]
    public void The_shipped_signposts_cover_every_topic_the_L_and_D_team_turn_away()
    {
        Assert.Empty(Shipped.Problems());
        Assert.Equal(["bullying-harassment", "pay", "rotas-leave", "it-access", "safeguarding", "incident"], Shipped.Signposts.Select(s => s.Id));
        Assert.All(Shipped.Signposts, s => Assert.True(s.Examples.Count >= 5, $"{s.Id} has too few examples to be recognised by meaning"));
    }

    [Fact]
    public void Urgent_signposts_say_plainly_to_act_now()
    {
        var urgent = Shipped.Signposts.Where(s => s.Urgent).ToList();

        Assert.Equal(["safeguarding", "incident"], urgent.Select(s => s.Id));
        Assert.All(urgent, s =>
        {
            Assert.Contains("now", s.Title + " " + s.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("999", s.UrgentLine, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Bullying_points_to_the_Freedom_to_Speak_Up_Guardian_HR_and_the_union()
    {
        var routes = Shipped.Find("bullying-harassment")!.Routes.Select(r => r.Who).ToList();

        Assert.Contains("Your Freedom to Speak Up Guardian", routes);
        Assert.Contains("Your HR or people team", routes);
        Assert.Contains("Your trade union rep", routes);
    }

    [Fact]
    public void A_broken_file_stops_loading_with_every_problem_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"signposts-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "learningCues": [], "signposts": [
              { "id": "Pay Queries", "topic": "Pay", "title": "Pay", "message": "Ask payroll.", "urgent": false, "routes": [], "triggers": ["pay"], "examples": [] },
              { "id": "safeguarding", "topic": "Safeguarding", "title": "Act now", "message": "Tell someone now.", "urgent": true, "routes": [{ "who": "999", "how": "In an emergency." }], "triggers": [], "examples": [] }
            ] }
            """);
        try
        {
            var problem = Assert.Throws<KnowledgeLoadException>(() => SignpostBook.Load(path)).Problem;

            Assert.Contains("Signpost 'Pay Queries' needs an id of lower-case words joined by hyphens.", problem, StringComparison.Ordinal);
            Assert.Contains("Signpost 'Pay Queries' needs at least one route", problem, StringComparison.Ordinal);
            Assert.Contains("Signpost 'safeguarding' is urgent, so it needs an 'urgentLine'", problem, StringComparison.Ordinal);
            Assert.Contains("Signpost 'safeguarding' needs triggers or examples", problem, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void No_signposts_file_means_no_signposts()
    {
        Assert.Empty(SignpostBook.Load(Path.Combine(KnowledgeFixtures.FixtureFolder, SignpostBook.FileName)).Signposts);
    }

    [Theory]
    [InlineData("I'm being bullied", "bull*", true)]
    [InlineData("can't log in", "cant log in", true)]
    [InlineData("I can\u2019t log in", "cant log in", true)]
    [InlineData("e-learning on safeguarding", "e-learning", true)]
    [InlineData("learning about rotas", "learn", false)]
    [InlineData("my payslip", "pay", false)]
    public void Phrases_match_whole_words_with_a_star_for_any_ending(string question, string phrase, bool found)
    {
        Assert.Equal(found, new SignpostPhrases([phrase]).FirstIn(SignpostPhrases.Words(question)) is not null);
    }
}
