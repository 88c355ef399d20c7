namespace LearningBot.FiveMinuteReview.Asking;

/// <summary>The verbs of asking for a review, the first-review guide and discarding a draft.</summary>
public static class AskingVerbs
{
    /// <summary>The person sends their request to their manager.</summary>
    public const string Request = "review.request";

    /// <summary>The manager's "Start the review" on the request they were sent.</summary>
    public const string StartRequested = "review.request.start";

    /// <summary>"Discard draft" on a step card: shows the confirm card.</summary>
    public const string Discard = "review.discard";

    /// <summary>The confirm card's "Discard draft": deletes the draft at the version shown.</summary>
    public const string ConfirmDiscard = "review.discard.confirm";
}
