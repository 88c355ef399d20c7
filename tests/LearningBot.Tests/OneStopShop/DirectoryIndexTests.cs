using LearningBot.OneStopShop.Knowledge;
using static LearningBot.Tests.OneStopShop.KnowledgeFixtures;

namespace LearningBot.Tests.OneStopShop;

public sealed class DirectoryIndexTests
{
    private static readonly DirectoryIndex Directory = new(FixtureKnowledgeBase().WhosWho, Synonyms);

    [Theory]
    [InlineData("Who is the L&D lead for the ambulance trust?", "amb-ld-lead")]
    [InlineData("who's the learning and development lead for paramedics", "amb-ld-lead")]
    [InlineData("Who is the training lead at the hospital?", "acute-ld-lead")]
    [InlineData("who is the L&D lead for social care", "council-ld-lead")]
    [InlineData("Who do I contact about dementia training?", "mh-clinical-lead")]
    [InlineData("who is the clinical lead in mental health", "mh-clinical-lead")]
    [InlineData("Who should I talk to about immunisation in GP practices?", "gp-occ-lead")]
    [InlineData("How do I contact the L&D support team?", "ld-support")]
    public void Finds_the_person_a_who_question_asks_for(string question, string personId)
    {
        var matches = Directory.Match(question);
        Assert.NotEmpty(matches);
        Assert.Equal(personId, matches[0].Person.Id);
        Assert.True(DirectoryIndex.IsPersonQuestion(question));
    }

    [Fact]
    public void Answers_a_network_question_with_its_lead()
    {
        var match = Directory.Match("Who runs the volunteer managers network?")[0];
        Assert.Equal("cvs-network-lead", match.Person.Id);
        Assert.Equal("volunteer-managers", match.Network?.Id);
    }

    [Fact]
    public void A_network_lead_found_by_their_network_is_not_listed_again_as_themselves()
    {
        var real = new DirectoryIndex(KnowledgeLoader.Load(RealKnowledgeFolder).WhosWho, Synonyms);

        var matches = real.Match("who runs the mentoring network");

        Assert.NotEmpty(matches);
        Assert.Equal(matches.Count, matches.Select(m => m.Person.Id).Distinct().Count());
        Assert.NotNull(matches[0].Network);
    }

    [Fact]
    public void Uses_the_askers_organisation_for_my_lead()
    {
        var match = Directory.Match("Who is my L&D lead?", new AnswerContext(OrganisationKind: "acute-trust"))[0];
        Assert.Equal("acute-ld-lead", match.Person.Id);
    }

    [Fact]
    public void Does_not_mistake_good_practice_for_a_gp_practice()
    {
        var matches = Directory.Match("Who do I contact to share good practice?");
        Assert.DoesNotContain(matches, m => m.Person.OrganisationKind == "primary-care" && m.Confidence >= 0.6);
    }

    [Theory]
    [InlineData("Who can apply for an apprenticeship?")]
    [InlineData("Who should do mandatory training?")]
    [InlineData("What is a learning needs analysis?")]
    public void Tells_eligibility_and_advice_questions_from_person_questions(string question) =>
        Assert.False(DirectoryIndex.IsPersonQuestion(question));

    [Fact]
    public void Finds_nobody_for_a_topic_the_directory_does_not_know()
    {
        Assert.Empty(Directory.Match("Who do I contact about parking permits?"));
    }
}
