using LearningBot.OneStopShop.Knowledge;
using static LearningBot.Tests.OneStopShop.KnowledgeFixtures;

namespace LearningBot.Tests.OneStopShop;

public sealed class AnswerEngineTests
{
    private static readonly AnswerEngine Engine = FixtureEngine();

    [Theory]
    [InlineData("How do I claim mileage?")]
    [InlineData("What is the wifi password?")]
    [InlineData("Where do I park my car?")]
    [InlineData("parking permit")]
    [InlineData("When is pay day?")]
    [InlineData("How do I reset my password")]
    [InlineData("what is it")]
    [InlineData("")]
    public void Is_not_sure_about_questions_the_knowledge_base_does_not_cover(string question)
    {
        var answer = Engine.Answer(question);
        Assert.Equal(AnswerKind.NotSure, answer.Kind);
        Assert.True(answer.Confidence < Engine.Options.ConfidenceThreshold);
        Assert.Null(answer.Article);
    }

    [Fact]
    public void Answers_with_an_article_suggestions_and_matched_terms()
    {
        var answer = Engine.Answer("How do I run a TNA?");
        Assert.Equal(AnswerKind.Article, answer.Kind);
        Assert.Equal("learning-needs-analysis", answer.Article?.Id);
        Assert.InRange(answer.Confidence, Engine.Options.ConfidenceThreshold, 1.0);
        Assert.InRange(answer.Suggestions.Count, 1, 3);
        Assert.Equal("learning-needs-analysis", answer.Suggestions[0].Article.Id);
        Assert.Contains("TNA", answer.MatchedTerms);
    }

    [Fact]
    public void A_higher_threshold_turns_a_weak_answer_into_not_sure()
    {
        const string question = "Where can I get a grant for training?";
        var normal = Engine.Answer(question);
        Assert.Equal(AnswerKind.Article, normal.Kind);

        var strict = FixtureEngine(new AnswerOptions { ConfidenceThreshold = normal.Confidence + 0.01 }).Answer(question);
        Assert.Equal(AnswerKind.NotSure, strict.Kind);
        Assert.Equal(normal.Suggestions.Select(s => s.Article.Id), strict.Suggestions.Select(s => s.Article.Id));
    }

    [Fact]
    public void A_grade_in_the_question_is_not_taken_for_admin()
    {
        var plain = Engine.Answer("I'm a ward sister - how do I run a TNA?");

        var withGrade = Engine.Answer("I'm a band 6 sister - how do I run a TNA?");

        // An admin cue halves the confidence; two more words to match cost a little of it.
        Assert.Equal(AnswerKind.Article, withGrade.Kind);
        Assert.True(withGrade.Confidence > 0.75 * plain.Confidence, $"{withGrade.Confidence:F3} against {plain.Confidence:F3}");
    }

    [Fact]
    public void Answers_a_who_question_with_a_person()
    {
        var answer = Engine.Answer("Who is the L&D lead for the ambulance trust?");
        Assert.Equal(AnswerKind.Person, answer.Kind);
        Assert.Equal("amb-ld-lead", answer.Person?.Person.Id);
    }

    [Fact]
    public void Answers_an_eligibility_who_question_from_the_articles()
    {
        var answer = Engine.Answer("Who can apply for an apprenticeship?");
        Assert.Equal(AnswerKind.Article, answer.Kind);
        Assert.Equal("apprenticeships", answer.Article?.Id);
    }

    [Fact]
    public void Makes_an_upserted_article_answerable_at_once()
    {
        var engine = FixtureEngine();
        Assert.Equal(AnswerKind.NotSure, engine.Answer("menopause awareness sessions").Kind);
        engine.Upsert(Article("menopause-support", "Menopause support at work", "Sessions for staff and managers on menopause support.", ["menopause", "wellbeing"]));
        var answer = engine.Answer("menopause awareness sessions");
        Assert.Equal(AnswerKind.Article, answer.Kind);
        Assert.Equal("menopause-support", answer.Article?.Id);
    }
}
