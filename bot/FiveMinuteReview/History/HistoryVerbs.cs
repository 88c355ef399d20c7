namespace LearningBot.FiveMinuteReview.History;

/// <summary>The verbs of the person's own reviews and of the earlier reviews a new manager may see.</summary>
public static class HistoryVerbs
{
    public const string Mine = "review.mine";
    public const string OpenMine = "review.mine.open";
    public const string Comment = "review.mine.comment";
    public const string Notes = "review.notes";
    public const string Earlier = "review.earlier";
}
