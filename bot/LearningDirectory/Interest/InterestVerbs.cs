namespace LearningBot.LearningDirectory.Interest;

/// <summary>The buttons of course alerts (shapes in <see cref="CourseInterestFeature"/>).</summary>
public static class InterestVerbs
{
    public const string NewDatesOfOffer = "directory.alerts.offer";
    public const string List = "directory.alerts.list";
    public const string Stop = "directory.alerts.stop";
    public const string StopForOffer = "directory.alerts.offer.stop";
}
