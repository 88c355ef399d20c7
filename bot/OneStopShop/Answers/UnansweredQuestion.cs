namespace LearningBot.OneStopShop.Answers;

/// <summary>One question nobody could answer, grouped over the ways it was typed.</summary>
public sealed record UnansweredQuestion(string Question, int Count, DateTimeOffset LastAsked);
