namespace LearningBot.OneStopShop.Knowledge;

/// <summary>How one question was answered.</summary>
public sealed record EvaluationOutcome(EvaluationQuestion Question, AnswerResult Answer, bool Top1, bool Top3);
