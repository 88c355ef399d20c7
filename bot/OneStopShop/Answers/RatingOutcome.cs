namespace LearningBot.OneStopShop.Answers;

/// <summary>What happened when someone rated an answer.</summary>
/// <param name="Record">The question as stored now (with the rating that counts).</param>
/// <param name="Recorded">False when the question had already been rated (a double click) or <paramref name="ByAnother"/>.</param>
/// <param name="ByAnother">Someone other than the person who asked pressed the rating: only the asker rates an answer.</param>
public sealed record RatingOutcome(QuestionRecord Record, bool Recorded, bool ByAnother = false);
