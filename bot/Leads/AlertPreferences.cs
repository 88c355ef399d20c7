namespace LearningBot.Leads;

/// <summary>How a lead wants feedback alerts: each as it comes, or gathered once a week.</summary>
public static class AlertPreferences
{
    public const string StraightAway = "straight-away";
    public const string Weekly = "weekly";

    public static IReadOnlyList<(string Value, string Label)> All { get; } =
        [(StraightAway, "Tell me straight away"), (Weekly, "Once a week")];

    public static bool IsKnown(string? value) => value is StraightAway or Weekly;

    public static string LabelOf(string value) => All.FirstOrDefault(p => p.Value == value).Label ?? value;
}
