using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.Bench.Floor;

internal sealed record Account(string Id, string? Name);

internal sealed record Conversation(string Id);

/// <summary>The few inbound fields a reply needs; the rest of the activity is skipped by the reader.</summary>
internal sealed record InboundActivity(string? Type, string? Id, string? ServiceUrl, string? Text, Account? From, Account? Recipient, Conversation? Conversation);

internal sealed record ReplyActivity(string Type, string Text, Account? From, Account? Recipient, Conversation Conversation, string? ReplyToId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InboundActivity))]
[JsonSerializable(typeof(ReplyActivity))]
internal sealed partial class FloorJson : JsonSerializerContext;
