namespace LearningBot.Welcome;

/// <summary>Remove a line here when its capability's folder starts answering the verb and the commands.</summary>
public static class PlannedFeatures
{
    public static IReadOnlyList<PlannedFeature> All { get; } =
    [
    ];
}
