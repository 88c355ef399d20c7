using System.Text.Json;
using LearningBot.FeedbackSignals;

namespace LearningBot.Digest.Sending;

/// <summary>
/// Who an edition goes to: everyone who has the app, chosen team channels (conversation ids) and people in chosen
/// organisation kinds; any mix of the three. Stored on the edition as JSON (<see cref="DigestEdition.Audience"/>).
/// </summary>
public sealed record DigestAudience(bool Everyone, IReadOnlyList<string> Channels, IReadOnlyList<string> Kinds)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsEmpty => !Everyone && Channels.Count == 0 && Kinds.Count == 0;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DigestAudience FromJson(string json) =>
        string.IsNullOrEmpty(json) ? new(false, [], []) : JsonSerializer.Deserialize<DigestAudience>(json, Json) ?? new(false, [], []);

    /// <summary>"everyone who has the app, 2 team channels, and people in: Voluntary sector".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Everyone)
        {
            parts.Add("everyone who has the app");
        }

        if (Channels.Count > 0)
        {
            parts.Add(Channels.Count == 1 ? "1 team channel" : $"{Channels.Count} team channels");
        }

        if (Kinds.Count > 0)
        {
            parts.Add("people in: " + string.Join(", ", Kinds.Select(kind => SignalChoices.OrganisationKinds.TitleOf(kind))));
        }

        return parts.Count == 0 ? "nobody" : string.Join("; ", parts);
    }
}
