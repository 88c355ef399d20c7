namespace LearningBot.OneStopShop.Answers;

/// <summary>One question nobody could answer, grouped over the ways it was typed.</summary>
/// <param name="Count">How many times it was asked.</param>
/// <param name="People">How many different people asked it: the figure the report shows, under the small-numbers rule.</param>
public sealed record UnansweredQuestion(string Question, int Count, int People, DateTimeOffset LastAsked);
