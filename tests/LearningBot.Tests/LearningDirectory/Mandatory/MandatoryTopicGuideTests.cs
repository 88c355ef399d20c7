using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Mandatory;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.LearningDirectory.Mandatory;

/// <summary>The topics file and which questions the mandatory-topic answer takes.</summary>
public sealed class MandatoryTopicGuideTests
{
    private static readonly MandatoryTopicGuide Guide = MandatoryTopicGuide.Load(RepoPaths.Root);

    [Fact]
    public void The_topics_file_covers_every_mandatory_topic_with_a_refresher_period_the_L_and_D_team_is_asked_to_confirm()
    {
        Assert.Equal(MandatoryTopics.All.Select(t => t.Id), Guide.Topics.Select(t => t.Id));
        Assert.All(Guide.Topics, t => Assert.Contains("organisation", t.Refresher, StringComparison.Ordinal));
        Assert.Equal(11, Guide.Topics.Count(t => t.IsCstf));
        Assert.Contains("Core Skills Training Framework", Guide.Passport, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_topics_file_that_leaves_a_topic_out()
    {
        var error = Assert.Throws<InvalidDataException>(() => MandatoryTopicGuide.Parse("""{"passport": "x", "topics": []}"""));
        Assert.Contains("equality-diversity-and-human-rights", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("where do I do my BLS", "resuscitation", false)]
    [InlineData("where can i do my fire training", "fire-safety", false)]
    [InlineData("do I have to redo fire safety if I move to the council?", "fire-safety", true)]
    [InlineData("changing jobs to a care home, will my manual handling still count", "moving-and-handling", true)]
    [InlineData("where do i get my safeguarding children level 3", "safeguarding-children", false)]
    public void Takes_where_to_do_a_topic_and_redoing_it_on_moving(string question, string topic, bool aboutMoving)
    {
        var read = MandatoryQuestion.Read(question, Guide);

        Assert.NotNull(read);
        Assert.Equal(topic, read.Topic.Id);
        Assert.Equal(aboutMoving, read.AboutMoving);
    }

    [Theory]
    [InlineData("BLS refresher")]
    [InlineData("can our moving and handling training be recognised by other employers with a passport")]
    [InlineData("how often do i have to redo fire training")]
    [InlineData("I'm moving from the hospital to the council, do I have to redo all my mandatory training?")]
    [InlineData("where do I do my safeguarding")]
    [InlineData("any courses on dementia?")]
    public void Leaves_other_questions_to_the_directory_search_and_the_articles(string question) =>
        Assert.Null(MandatoryQuestion.Read(question, Guide));
}
