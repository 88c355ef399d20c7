namespace LearningBot.FiveMinuteReview.Asking;

/// <summary>Settings of asking for a review and the first-review guide (section <c>FiveMinuteReview</c>).</summary>
public sealed record AskingOptions
{
    /// <summary>Whether a manager's first review starts with the one-card guide.</summary>
    public bool FirstReviewGuide { get; init; } = true;

    /// <summary>A second request within this many days is not sent again.</summary>
    public int RequestRepeatDays { get; init; } = 3;
}
