namespace LearningBot.FiveMinuteReview;

/// <summary>The verbs the review cards' buttons carry.</summary>
public static class ReviewVerbs
{
    public const string Start = "review.start";
    public const string Team = "review.team";
    public const string Open = "review.open";
    public const string AddPerson = "review.addPerson";
    public const string Next = "review.next";
    public const string Back = "review.back";
    public const string Pause = "review.cancel";
    public const string Confirm = "review.confirm";
    public const string AskForView = "review.askView";
    public const string ShareView = "review.shareView";
    public const string Acknowledge = "review.acknowledge";
}
