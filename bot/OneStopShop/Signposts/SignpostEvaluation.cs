using System.Text.Json;
using System.Text.Json.Serialization;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>A question of the signpost set: the signpost it should get, or null for a learning question that must keep its answer.</summary>
public sealed record SignpostQuestion(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("signpost")] string? Signpost);

/// <summary>How one question of the signpost set was handled.</summary>
public sealed record SignpostOutcome(SignpostQuestion Question, AnswerResult Answer, SignpostMatch? Match)
{
    public bool Right => Match?.Signpost.Id == Question.Signpost;
}

/// <summary>Recognition over a signpost set, and signposts' part in an ordinary evaluation set.</summary>
public static class SignpostEvaluation
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true };

    public static IReadOnlyList<SignpostQuestion> LoadQuestions(string path) =>
        JsonSerializer.Deserialize<List<SignpostQuestion>>(File.ReadAllText(path), JsonOptions) ?? [];

    public static IReadOnlyList<SignpostOutcome> Run(AnswerEngine engine, SignpostMatcher matcher, IEnumerable<SignpostQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(questions);
        return [.. questions.Select(q =>
        {
            var answer = engine.Answer(q.Question);
            return new SignpostOutcome(q, answer, matcher.Recognise(q.Question, answer, engine));
        })];
    }

    /// <summary>
    /// An evaluation set with signposts: the share of out-of-scope questions answered "not sure" or signposted, and the
    /// answerable questions that were signposted (each one a learning question the bot turned away).
    /// </summary>
    public static (double OutOfScopeHandled, IReadOnlyList<EvaluationOutcome> WronglySignposted) Judge(EvaluationReport report, SignpostMatcher matcher, AnswerEngine engine)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(matcher);
        var signposted = report.Outcomes.Select(o => (Outcome: o, Signposted: matcher.Recognise(o.Question.Question, o.Answer, engine) is not null)).ToList();
        var outOfScope = signposted.Where(s => s.Outcome.Question.IsEscalation).ToList();
        var handled = outOfScope.Count == 0 ? 0 : (double)outOfScope.Count(s => s.Signposted || s.Outcome.Answer.Kind == AnswerKind.NotSure) / outOfScope.Count;
        return (handled, [.. signposted.Where(s => s.Signposted && !s.Outcome.Question.IsEscalation).Select(s => s.Outcome)]);
    }
}
