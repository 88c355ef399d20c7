using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>One question of an evaluation set, with what a good answer is.</summary>
/// <param name="Expected">Article ids that answer the question (any of them counts); empty for escalations.</param>
/// <param name="Kind">null for an article question, "escalate" when the bot should say it is not sure, "person" for a who-question.</param>
public sealed record EvaluationQuestion(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("expected")] IReadOnlyList<string>? Expected,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("expectedPerson")] string? ExpectedPerson)
{
    public bool IsEscalation => Kind == "escalate";

    public bool IsPerson => Kind == "person";
}

/// <summary>How one question was answered.</summary>
public sealed record EvaluationOutcome(EvaluationQuestion Question, AnswerResult Answer, bool Top1, bool Top3);

/// <summary>Accuracy of the one-stop shop over an evaluation set.</summary>
/// <param name="Top1Accuracy">Share of answerable questions (articles and people) answered right first time.</param>
/// <param name="Top3Accuracy">Share of article questions with a right article among the three suggestions (people: top 1).</param>
/// <param name="EscalationAccuracy">Share of escalate-questions answered "not sure".</param>
/// <param name="WronglyNotSure">Share of answerable questions answered "not sure".</param>
/// <param name="ConfidentlyWrong">Answerable or escalate questions given a wrong article or person.</param>
public sealed record EvaluationReport(
    IReadOnlyList<EvaluationOutcome> Outcomes,
    int Answerable,
    int Escalations,
    double Top1Accuracy,
    double Top3Accuracy,
    double EscalationAccuracy,
    double WronglyNotSure,
    IReadOnlyList<EvaluationOutcome> ConfidentlyWrong);

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
