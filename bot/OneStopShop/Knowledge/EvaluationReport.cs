namespace LearningBot.OneStopShop.Knowledge;

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
