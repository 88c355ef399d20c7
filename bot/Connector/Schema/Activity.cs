using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LearningBot.Connector.Schema;

/// <summary>
/// A Bot Framework activity (botframework-activity spec), shaped like Microsoft.Bot.Schema.Activity.
/// Fields this model does not name are kept in <see cref="Properties"/> so they round-trip unchanged.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? LocalTimestamp { get; init; }
    public string? LocalTimezone { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? TextFormat { get; init; }
    public string? AttachmentLayout { get; init; }
    public string? Locale { get; init; }
    public string? Text { get; init; }
    public string? Summary { get; init; }
    public string? InputHint { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public SuggestedActions? SuggestedActions { get; init; }
    public JsonElement? ChannelData
    {
        get;
        init
        {
            field = value;
            _teamsChannelData = new();
        }
    }

    public string? Action { get; init; }
    public string? ReplyToId { get; init; }
    public string? Name { get; init; }
    public JsonElement? Value { get; init; }
    public string? ValueType { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public IReadOnlyList<MessageReaction>? ReactionsAdded { get; init; }
    public IReadOnlyList<MessageReaction>? ReactionsRemoved { get; init; }
    public ConversationReference? RelatesTo { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }

    /// <summary>
    /// <see cref="ChannelData"/> read as Teams channel data, worked out once per activity: the adapter's checks and
    /// every capability ask for it (setting <see cref="ChannelData"/>, also in a <c>with</c>, forgets it).
    /// </summary>
    internal TeamsChannelData TeamsChannelData
    {
        get => _teamsChannelData.Value ??= TeamsChannelData.Read(ChannelData);
        set => _teamsChannelData.Value = value;
    }

    // Shared with a copy made by `with` unless the copy sets ChannelData.
    private readonly Remembered<TeamsChannelData> _teamsChannelData = new();

    [JsonIgnore] public bool IsMessage => Is(ActivityTypes.Message);
    [JsonIgnore] public bool IsInvoke => Is(ActivityTypes.Invoke);

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string EndOfConversation = "endOfConversation";
}

public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool? IsGroup { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record Attachment
{
    public string? ContentType { get; init; }
    public string? ContentUrl { get; init; }

    /// <summary>The card or other content; a node so a card built by the bot is sent without a copy.</summary>
    public JsonNode? Content { get; init; }
    public string? Name { get; init; }
    public string? ThumbnailUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }

    /// <summary>The content type Teams renders as an Adaptive Card.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>A bound Adaptive Card (an object, or its JSON from <see cref="RawJson"/>) as a message attachment.</summary>
    public static Attachment AdaptiveCard(JsonNode card) => new()
    {
        ContentType = AdaptiveCardContentType,
        Content = card,
    };
}

/// <summary>An activity entity such as a mention. Type-specific members stay in <see cref="Properties"/>.</summary>
public sealed record Entity
{
    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record MessageReaction
{
    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record SuggestedActions
{
    public IReadOnlyList<string>? To { get; init; }
    public IReadOnlyList<CardAction>? Actions { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record CardAction
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public JsonElement? Value { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>Where to reach a conversation later (proactive messages).</summary>
public sealed record ConversationReference
{
    public string? ActivityId { get; init; }
    public ChannelAccount? User { get; init; }
    public ChannelAccount? Bot { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ChannelId { get; init; }
    public string? ServiceUrl { get; init; }
    public string? Locale { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>Body of <c>POST v3/conversations</c>.</summary>
public sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount>? Members { get; init; }
    public string? TopicName { get; init; }
    public Activity? Activity { get; init; }
    public JsonElement? ChannelData { get; init; }
    public string? TenantId { get; init; }
}

/// <summary>Response of <c>POST v3/conversations</c>.</summary>
public sealed record ConversationResourceResponse
{
    public string? Id { get; init; }
    public string? ActivityId { get; init; }
    public string? ServiceUrl { get; init; }
}

/// <summary>Response carrying the id of a sent or updated activity.</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }
}

public sealed record PagedMembersResult
{
    public string? ContinuationToken { get; init; }
    public IReadOnlyList<TeamsChannelAccount>? Members { get; init; }
}

public sealed record TeamsChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? GivenName { get; init; }
    public string? Surname { get; init; }
    public string? Email { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? AadObjectId { get; init; }
    public string? TenantId { get; init; }
    public string? UserRole { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record TeamDetails
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadGroupId { get; init; }
    public int? ChannelCount { get; init; }
    public int? MemberCount { get; init; }
}

/// <summary>What the bot answers to an invoke: the HTTP status and the JSON body on the wire.</summary>
public sealed record InvokeResponse(int Status, object? Body = null);

/// <summary>Connector error body: <c>{"error":{"code","message"}}</c>.</summary>
public sealed record ErrorResponse(ErrorDetail? Error);

public sealed record ErrorDetail(string? Code, string? Message);

/// <summary>A value worked out from a record's own members and kept; it takes no part in the record's equality.</summary>
internal sealed class Remembered<T>
    where T : class
{
    public T? Value { get; set; }

    public override bool Equals(object? obj) => obj is Remembered<T>;

    public override int GetHashCode() => 0;
}
