using System.Text.Json.Nodes;
using LearningBot.Connector.Schema;

namespace LearningBot.Tests.Support;

/// <summary>
/// Someone in a test: their Teams user id (<c>29:…</c>), Entra object id and display name, and a 1:1 chat with the
/// bot of their own (new for each person made, so tests never share a chat).
/// </summary>
public sealed record TestPerson(string TeamsId, string AadObjectId, string Name)
{
    /// <summary>The person every Teams-shaped test activity comes from unless it says otherwise.</summary>
    public static readonly TestPerson Alex = new("29:1-alex", "6a1b0c2d-0000-4000-8000-00000000a1e5", "Alex Morgan");

    /// <summary>A manager in the seeded people directory, at a voluntary-sector trust.</summary>
    public static readonly TestPerson Priya = new("29:priya", "0f6a2b9c-3d4e-4a51-8b7c-9e1d2f3a4b50", "Priya Shah");

    public string ChatId { get; init; } = "a:" + Guid.NewGuid().ToString("N");

    /// <summary>Someone nobody else in the run is: ids made from <paramref name="key"/> and a fresh suffix.</summary>
    public static TestPerson Unique(string key, string name)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return new TestPerson($"29:{key}-{suffix}", $"{key}-{suffix}", name);
    }

    /// <summary>The <c>from</c> (or <c>recipient</c>) of an activity as Teams sends it.</summary>
    public JsonObject AccountJson() => new() { ["id"] = TeamsId, ["name"] = Name, ["aadObjectId"] = AadObjectId };

    /// <summary>The same, as the bot reads it.</summary>
    public ChannelAccount Account() => new() { Id = TeamsId, Name = Name, AadObjectId = AadObjectId };

    /// <summary>The person as a conversation member, as the connector's member operations return them.</summary>
    public TeamsChannelAccount Member() => new() { Id = TeamsId, Name = Name, AadObjectId = AadObjectId };
}
