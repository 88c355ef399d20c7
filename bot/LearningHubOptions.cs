namespace LearningBot;

/// <summary>The learning and development hub (section <c>LearningHub</c>).</summary>
public sealed record LearningHubOptions
{
    public const string Section = "LearningHub";

    /// <summary>Person keys (Entra object ids) of the L&amp;D Support Team, who may see aggregate figures.</summary>
    public IReadOnlyList<string> SupportTeam { get; init; } = [];

    public bool IsSupportTeam(string? personKey) =>
        personKey is { Length: > 0 } && SupportTeam.Any(member => string.Equals(member.Trim(), personKey, StringComparison.OrdinalIgnoreCase));
}
