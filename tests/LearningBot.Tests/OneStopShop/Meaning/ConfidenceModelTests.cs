using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>The evidence a blended answer carries, and the opt-in logistic confidence built on it.</summary>
public sealed class ConfidenceModelTests
{
    private const string Question = "how do I find a mentor outside my own team";

    [Fact]
    public void A_blended_answer_carries_its_evidence_and_the_fixed_blend_is_its_confidence_by_default()
    {
        var answer = Engine(new HybridOptions()).Answer(Question);

        var signals = Assert.IsType<AnswerSignals>(answer.Signals);
        Assert.Equal(signals.Blend, answer.Confidence, 10);
        Assert.InRange(signals.Similarity, signals.Head, 1);
        Assert.True(signals.SimilarityGap >= 0);
        Assert.True(signals.ScoreGap >= 0);
        Assert.Equal(10, signals.Words);
        Assert.Equal(0, signals.Cues);
    }

    [Fact]
    public void An_answer_by_words_alone_carries_no_signals()
    {
        var engine = AnswerEngine.FromKnowledgeBase(KnowledgeFixtures.FixtureKnowledgeBase(), new AnswerOptions());

        Assert.Null(engine.Answer(Question).Signals);
    }

    [Fact]
    public void A_configured_model_decides_the_confidence_from_the_blend_and_the_leads()
    {
        var model = new ConfidenceModel { Intercept = -1, Blend = 2, SimilarityGap = 3, ScoreGap = 4 };
        var signals = Engine(new HybridOptions()).Answer(Question).Signals!;

        var answer = Engine(new HybridOptions { Confidence = model, ConfidenceThreshold = 0 }).Answer(Question);

        var logit = -1 + (2 * signals.Blend) + (3 * signals.SimilarityGap) + (4 * signals.ScoreGap);
        Assert.Equal(1 / (1 + Math.Exp(-logit)), answer.Confidence, 10);
        Assert.Equal(AnswerKind.Article, answer.Kind);
    }

    [Fact]
    public void A_model_that_doubts_everything_answers_not_sure_but_still_suggests_the_articles()
    {
        var doubtful = new ConfidenceModel { Intercept = -50 };

        var answer = Engine(new HybridOptions { Confidence = doubtful, ConfidenceThreshold = 0.5 }).Answer(Question);

        Assert.Equal(AnswerKind.NotSure, answer.Kind);
        Assert.NotEmpty(answer.Suggestions);
    }

    private static AnswerEngine Engine(HybridOptions hybrid)
    {
        // Every question blended: the fixture's words alone would decide this one.
        var engine = AnswerEngine.FromKnowledgeBase(KnowledgeFixtures.FixtureKnowledgeBase(), new AnswerOptions { Hybrid = hybrid with { WordsDecisive = null } });
        engine.Semantic.EmbedAll(new WordHashEmbedder("words"), engine.Knowledge.Articles);
        return engine;
    }
}
