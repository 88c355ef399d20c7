using System.Diagnostics.CodeAnalysis;
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

    /// <summary>
    /// Reads <c>channelData</c> and never throws. Channel data of the shape Teams sends is read whole; in any other,
    /// each known field (tenant, team, channel, …) that has the right shape is kept and the rest left out, so that one
    /// malformed field cannot hide the others or fail the turn. Absent, null or not an object gives an empty record.
    /// </summary>
    public static TeamsChannelData Read(JsonElement? channelData)
    {
        if (channelData is not { ValueKind: JsonValueKind.Object } data)
        {
            return new TeamsChannelData();
        }

        return TryRead(data, out var whole)
            ? whole
            : new TeamsChannelData
            {
                Tenant = Field<TenantInfo>(data, "tenant"),
                Team = Field<TeamInfo>(data, "team"),
                Channel = Field<ChannelInfo>(data, "channel"),
                EventType = Field<string>(data, "eventType"),
                Settings = Field<TeamsChannelDataSettings>(data, "settings"),
                Notification = Field<NotificationInfo>(data, "notification"),
            };
    }

    /// <summary>
    /// Whether <paramref name="data"/> has the shape Teams gives channel data: an object whose known fields have their
    /// types (<c>tenant</c> an object with a string <c>id</c>, and so on). Never throws.
    /// </summary>
    public static bool TryRead(JsonElement data, out TeamsChannelData channelData)
    {
        channelData = new TeamsChannelData();
        if (data.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        try
        {
            channelData = data.Deserialize<TeamsChannelData>(BotJson.Options) ?? channelData;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>One field, found as the serializer finds it (any case, the last of duplicates); default when missing or malformed.</summary>
    private static T? Field<T>(JsonElement data, string name)
    {
        JsonElement? found = null;
        foreach (var property in data.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                found = property.Value;
            }
        }

        if (found is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        try
        {
            return value.Deserialize<T>(BotJson.Options);
        }
        catch (JsonException)
        {
            return default;
        }
    }
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

    /// <summary>
    /// Reads a mention entity and never throws. False when <paramref name="entity"/> is not a mention, or is one of a
    /// shape Teams never sends: <c>mentioned</c> not an object (or its ids not strings), <c>text</c> not a string, or
    /// either given twice in different cases.
    /// </summary>
    public static bool TryRead(Entity? entity, [NotNullWhen(true)] out Mention? mention)
    {
        mention = null;
        if (entity is null || !string.Equals(entity.Type, EntityType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!TryFind(entity.Properties, "mentioned", out var mentionedElement) || !TryFind(entity.Properties, "text", out var textElement))
        {
            return false;
        }

        ChannelAccount? mentioned = null;
        if (mentionedElement is { ValueKind: not JsonValueKind.Null } account)
        {
            if (account.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            try
            {
                mentioned = account.Deserialize<ChannelAccount>(BotJson.Options);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        string? text = null;
        if (textElement is { ValueKind: not JsonValueKind.Null } textValue)
        {
            if (textValue.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            text = textValue.GetString();
        }

        mention = new Mention { Mentioned = mentioned, Text = text };
        return true;
    }

    /// <summary>A member of the entity in any case; false when it is there more than once.</summary>
    private static bool TryFind(Dictionary<string, JsonElement>? properties, string name, out JsonElement? value)
    {
        value = null;
        if (properties is null)
        {
            return true;
        }

        foreach (var (key, element) in properties)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                if (value is not null)
                {
                    return false;
                }

                value = element;
            }
        }

        return true;
    }

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
