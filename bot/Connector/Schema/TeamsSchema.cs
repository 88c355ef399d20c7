using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.Connector.Schema;

/// <summary>The Teams-specific <c>channelData</c> of an activity (shaped like Microsoft.Bot.Schema.Teams.TeamsChannelData).</summary>
public sealed record TeamsChannelData
{
    public TenantInfo? Tenant { get; init; }
    public TeamInfo? Team { get; init; }
    public ChannelInfo? Channel { get; init; }
    public string? EventType { get; init; }
    public TeamsChannelDataSettings? Settings { get; init; }
    public NotificationInfo? Notification { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record TenantInfo(string? Id);

public sealed record TeamInfo
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadGroupId { get; init; }
}

/// <summary>A Teams channel. The General channel has a null name and the team's id.</summary>
public sealed record ChannelInfo
{
    public string? Id { get; init; }
    public string? Name { get; init; }
}

public sealed record TeamsChannelDataSettings
{
    public ChannelInfo? SelectedChannel { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>On outbound messages, <c>alert: true</c> raises a notification for the user.</summary>
public sealed record NotificationInfo
{
    public bool? Alert { get; init; }
    public bool? AlertInMeeting { get; init; }
    public string? ExternalResourceUrl { get; init; }
}

/// <summary>Response of <c>GET v3/teams/{teamId}/conversations</c>.</summary>
public sealed record ConversationList
{
    public IReadOnlyList<ChannelInfo>? Conversations { get; init; }
}

/// <summary>Teams <c>eventType</c> values on <c>conversationUpdate</c>.</summary>
public static class TeamsEventTypes
{
    public const string ChannelCreated = "channelCreated";
    public const string ChannelRenamed = "channelRenamed";
    public const string ChannelDeleted = "channelDeleted";
    public const string ChannelRestored = "channelRestored";
    public const string TeamRenamed = "teamRenamed";
    public const string TeamDeleted = "teamDeleted";
    public const string TeamHardDeleted = "teamHardDeleted";
    public const string TeamArchived = "teamArchived";
    public const string TeamUnarchived = "teamUnarchived";
    public const string TeamRestored = "teamRestored";
}

/// <summary>A mention entity: <c>{type:"mention", mentioned:{id,name}, text:"&lt;at&gt;Name&lt;/at&gt;"}</c>.</summary>
public sealed record Mention
{
    public const string EntityType = "mention";

    public string Type { get; init; } = EntityType;
    public ChannelAccount? Mentioned { get; init; }
    public string? Text { get; init; }

    /// <summary>Builds the mention entity and the <c>&lt;at&gt;</c> text that must appear verbatim in the message text.</summary>
    public static Mention Of(ChannelAccount who) =>
        new() { Mentioned = who, Text = $"<at>{who.Name}</at>" };

    public Entity ToEntity()
    {
        var element = JsonSerializer.SerializeToElement(this, BotJson.Options);
        var properties = new Dictionary<string, JsonElement>();
        foreach (var member in element.EnumerateObject())
        {
            if (member.Name != "type")
            {
                properties[member.Name] = member.Value.Clone();
            }
        }

        return new Entity { Type = Type, Properties = properties };
    }
}
