using System.Text.Json;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>Runs an evaluation set (<c>questions.json</c>) through an <see cref="AnswerEngine"/>.</summary>
public static class AnswerEvaluation
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true };

    public static IReadOnlyList<EvaluationQuestion> LoadQuestions(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<List<EvaluationQuestion>>(File.ReadAllText(path), JsonOptions)
                ?? throw new KnowledgeLoadException(path, 1, "the file is empty");
        }
        catch (JsonException ex)
        {
            throw new KnowledgeLoadException(path, (int?)ex.LineNumber + 1, ex.Message);
        }
    }

    public static EvaluationReport Run(AnswerEngine engine, IReadOnlyList<EvaluationQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(questions);
        var outcomes = questions.Select(q => Judge(q, engine.Answer(q.Question))).ToList();
        var answerable = outcomes.Where(o => !o.Question.IsEscalation).ToList();
        var escalations = outcomes.Where(o => o.Question.IsEscalation).ToList();
        return new EvaluationReport(
            outcomes,
            answerable.Count,
            escalations.Count,
            Share(answerable, o => o.Top1),
            Share(answerable, o => o.Top3),
            Share(escalations, o => o.Answer.Kind == AnswerKind.NotSure),
            Share(answerable, o => o.Answer.Kind == AnswerKind.NotSure),
            [.. outcomes.Where(o => o.Answer.Kind != AnswerKind.NotSure && !o.Top1)]);
    }

    private static EvaluationOutcome Judge(EvaluationQuestion question, AnswerResult answer)
    {
        if (question.IsEscalation)
        {
            var right = answer.Kind == AnswerKind.NotSure;
            return new EvaluationOutcome(question, answer, right, right);
        }

        if (question.IsPerson)
        {
            var right = answer.Kind == AnswerKind.Person && answer.Person!.Person.Id == question.ExpectedPerson;
            return new EvaluationOutcome(question, answer, right, right || answer.People.Any(p => p.Person.Id == question.ExpectedPerson));
        }

        var expected = question.Expected ?? [];
        var top1 = answer.Kind == AnswerKind.Article && expected.Contains(answer.Article!.Id);
        var top3 = answer.Suggestions.Take(3).Any(h => expected.Contains(h.Article.Id));
        return new EvaluationOutcome(question, answer, top1, top3);
    }

    private static double Share(List<EvaluationOutcome> outcomes, Func<EvaluationOutcome, bool> predicate) =>
        outcomes.Count == 0 ? 0 : (double)outcomes.Count(predicate) / outcomes.Count;
}
