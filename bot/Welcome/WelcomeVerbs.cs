namespace LearningBot.Welcome;

/// <summary>
/// The verbs of the welcome menu's own buttons: <c>help</c>, and the capabilities not built yet
/// (<see cref="PlannedFeatures"/>), which answer "coming soon". When one is built, its verb moves to its capability's
/// folder (as <c>ask.start</c> is <c>AskVerbs.Start</c>, <c>review.start</c> is <c>ReviewVerbs.Start</c> and
/// <c>signal.start</c> is <c>SignalVerbs.Start</c>, <c>practice.share</c> is <c>GoodPracticeVerbs.Share</c>, <c>digest.latest</c> is <c>DigestVerbs.Latest</c>).
/// </summary>
public static class WelcomeVerbs
{
    public const string Help = "help";
}
