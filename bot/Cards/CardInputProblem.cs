namespace LearningBot.Cards;

/// <summary>One input whose submitted value breaks the card's own rules.</summary>
/// <param name="InputId">The input's <c>id</c>.</param>
/// <param name="Problem">What is wrong, in plain words, for logs and tests.</param>
/// <param name="Message">What the person is shown: the input's <c>errorMessage</c>, or <see cref="Problem"/> when it has none.</param>
public sealed record CardInputProblem(string InputId, string Problem, string Message);
