namespace LearningBot.Welcome;

/// <summary>Remove a line here when its capability's folder starts answering the verb and the commands.</summary>
public static class PlannedFeatures
{
    public static IReadOnlyList<PlannedFeature> All { get; } =
    [
        new(WelcomeVerbs.PracticeShare, ["share", "share good practice"], "Share good practice",
            "share an example of something that works well; once the L&D team has checked it, the leads it matters to will see it."),
        new(WelcomeVerbs.DigestLatest, ["digest", "latest digest"], "Latest digest",
            "read the latest learning newsletter here, and print a copy for colleagues who do not use a computer at work."),
    ];
}
