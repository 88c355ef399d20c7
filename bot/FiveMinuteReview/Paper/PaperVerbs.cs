namespace LearningBot.FiveMinuteReview.Paper;

/// <summary>The verbs of the paper review cards' buttons.</summary>
public static class PaperVerbs
{
    /// <summary>The card listing the blank forms to print.</summary>
    public const string Forms = "review.form";

    /// <summary>The form to record a review held on paper (for the person on the team card, when it says).</summary>
    public const string Record = "review.paper";

    public const string Save = "review.paperSave";
}
