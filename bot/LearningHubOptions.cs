using LearningBot.Connector.Schema;

namespace LearningBot;

/// <summary>The learning and development hub (section <c>LearningHub</c>).</summary>
public sealed record LearningHubOptions
{
    public const string Section = "LearningHub";

    /// <summary>The L&amp;D Support Team: each entry an Entra object id or a Teams user id (<c>29:…</c>).</summary>
    public IReadOnlyList<string> SupportTeam { get; init; } = [];

    /// <summary>
    /// Whether the sender is listed in <see cref="SupportTeam"/>, by Entra object id or by Teams user id: the one rule for
    /// every capability (the gaps report, the article editor, review coverage and the L&amp;D team's ticket buttons).
    /// </summary>
    public bool IsSupportTeam(ChannelAccount? person) =>
        person is not null && (IsListed(person.AadObjectId) || IsListed(person.Id));

    private bool IsListed(string? key) =>
        key is { Length: > 0 } && SupportTeam.Any(member => string.Equals(member.Trim(), key, StringComparison.OrdinalIgnoreCase));
}
