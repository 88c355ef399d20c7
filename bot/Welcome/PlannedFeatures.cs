namespace LearningBot.Welcome;

/// <summary>Remove a line here when its capability's folder starts answering the verb and the commands.</summary>
public static class PlannedFeatures
{
    public static IReadOnlyList<PlannedFeature> All { get; } =
    [
        new(WelcomeVerbs.DigestLatest, ["digest", "latest digest"], "Latest digest",
            "read the latest learning newsletter here, and print a copy for colleagues who do not use a computer at work."),
    ];
}
