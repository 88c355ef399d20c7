namespace LearningBot.Welcome;

/// <summary>Remove a line here when its capability's folder starts answering the verb and the commands.</summary>
public static class PlannedFeatures
{
    public static IReadOnlyList<PlannedFeature> All { get; } =
    [
        new(WelcomeVerbs.SignalStart, ["feedback", "feedback signal", "record a feedback signal"], "Record a feedback signal",
            "log what patients and service users say about staff skills, without any personal details, so the right clinical or occupational lead hears about it."),
        new(WelcomeVerbs.PracticeShare, ["share", "share good practice"], "Share good practice",
            "share an example of something that works well; once the L&D team has checked it, the leads it matters to will see it."),
        new(WelcomeVerbs.DigestLatest, ["digest", "latest digest"], "Latest digest",
            "read the latest learning newsletter here, and print a copy for colleagues who do not use a computer at work."),
    ];
}
