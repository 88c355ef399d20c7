using System.Text.Json;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>Where a proactive message went, so it can be updated later.</summary>
public sealed record SentMessage(ConversationReference Conversation, string? ActivityId)
{
    public string ToJson() => JsonSerializer.Serialize(this, BotJson.Options);

    public static SentMessage? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<SentMessage>(json, BotJson.Options);
}
