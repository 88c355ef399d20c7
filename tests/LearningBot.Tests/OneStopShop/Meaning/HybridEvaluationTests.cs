using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using Xunit.Abstractions;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// Answering by words and meaning (the shipped model, ArcticXs with 8-bit weights) on every evaluation set. The blend and its confidence
/// were fitted on questions.json only; the other sets show whether that holds.
/// </summary>
public sealed class HybridEvaluationTests(ITestOutputHelper output)
{
    private const double RequiredTop1 = 0.85;

    /// <summary>Raised from 0.85 when articles gained their "asked as" phrasings (98.5 % measured; bench/README.md).</summary>
    private const double RequiredTrainingTop1 = 0.95;

    private static readonly Lazy<AnswerEngine> RealEngine = new(() => Hybrid(AnswerEngine.Load(KnowledgeFixtures.RealKnowledgeFolder)));
    private static readonly Lazy<AnswerEngine> FixtureEngine = new(() => Hybrid(KnowledgeFixtures.FixtureEngine()));

    public static TheoryData<string> Sets => ["questions.json", "Fixtures/fixture-questions.json", "heldout-questions.json", "Answers/second-heldout-questions.json"];

    [Theory]
    [MemberData(nameof(Sets))]
    public void No_out_of_scope_question_is_answered_confidently(string set)
    {
        var report = Run(set);

        Assert.True(report.Escalations > 0);
        Assert.Equal(1.0, report.EscalationAccuracy);
        Assert.DoesNotContain(report.ConfidentlyWrong, o => o.Question.IsEscalation);
    }

    [Fact]
    public void Answers_the_training_and_fixture_questions_as_well_as_words_alone_must()
    {
        foreach (var (set, required) in new[] { ("questions.json", RequiredTrainingTop1), ("Fixtures/fixture-questions.json", RequiredTop1) })
        {
            var report = Run(set);
            Assert.True(report.Top1Accuracy >= required, $"{set}: top-1 accuracy {report.Top1Accuracy:P1} is below {required:P0}");
        }
    }

    [Theory]
    [InlineData("one of our volunteers keeps not turning up for shifts, how do I handle it", "volunteer-performance-management")]
    [InlineData("how do you give feedback to volunteers without putting them off", "volunteer-performance-management")]
    [InlineData("I'm a volunteer, am I allowed to go on training courses?", "volunteer-learning")]
    public void A_question_whose_words_leave_the_bot_unsure_is_answered_by_its_meaning(string question, string expected)
    {
        // The article's own words: its "asked as" phrasings, in the words' index too, now cover these questions.
        var ownWords = new AnswerOptions { Ranking = new RankingOptions { AskedWeight = 0 } };
        var byWords = AnswerEngine.Load(KnowledgeFixtures.RealKnowledgeFolder, ownWords).Answer(question);

        var byMeaning = RealEngine.Value.Answer(question);

        Assert.Equal(AnswerKind.NotSure, byWords.Kind);
        Assert.Equal(AnswerKind.Article, byMeaning.Kind);
        Assert.Equal(expected, byMeaning.Article!.Id);
    }

    private EvaluationReport Run(string set)
    {
        var engine = set.StartsWith("Fixtures/", StringComparison.Ordinal) ? FixtureEngine.Value : RealEngine.Value;
        var file = Path.Combine(KnowledgeFixtures.RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop", set);
        var report = AnswerEvaluation.Run(engine, AnswerEvaluation.LoadQuestions(file));
        output.WriteLine($"{set}: top-1 {report.Top1Accuracy:P1}, top-3 {report.Top3Accuracy:P1}, out of scope not sure {report.EscalationAccuracy:P1}, confidently wrong {report.ConfidentlyWrong.Count}");
        EvaluationMisses.Write(output, report);
        return report;
    }

    private static AnswerEngine Hybrid(AnswerEngine engine)
    {
        var embedder = RealModel.Embedder;
        engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
        return engine;
    }
}
