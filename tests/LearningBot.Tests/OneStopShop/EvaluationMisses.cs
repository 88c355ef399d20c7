using LearningBot.OneStopShop.Knowledge;
using Xunit.Abstractions;

namespace LearningBot.Tests.OneStopShop;

/// <summary>Lists what an evaluation run got wrong, so a failing accuracy test says which questions to look at.</summary>
internal static class EvaluationMisses
{
    public static void Write(ITestOutputHelper output, EvaluationReport report)
    {
        foreach (var outcome in report.Outcomes.Where(o => !o.Top1))
        {
            var answer = outcome.Answer;
            var given = answer.Kind switch
            {
                AnswerKind.Article => answer.Article!.Id,
                AnswerKind.Person => answer.Person!.Person.Id,
                _ => $"not sure (best {answer.Suggestions.FirstOrDefault()?.Article.Id ?? "none"})",
            };
            output.WriteLine($"  MISS [{answer.Confidence:F2}] {outcome.Question.Question} -> {given}");
        }
    }
}
