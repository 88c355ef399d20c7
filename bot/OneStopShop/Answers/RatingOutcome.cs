namespace LearningBot.OneStopShop.Answers;

/// <summary>What happened when someone rated an answer.</summary>
/// <param name="Record">The question as stored now (with the rating that counts).</param>
/// <param name="Recorded">False when the question had already been rated (a double click or a second person).</param>
public sealed record RatingOutcome(QuestionRecord Record, bool Recorded);
