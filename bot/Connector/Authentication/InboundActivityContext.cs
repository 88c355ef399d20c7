using System.Text.Json;

namespace LearningBot.Connector.Authentication;

/// <summary>The parts of the inbound activity that the token is checked against.</summary>
/// <param name="ChannelId">The activity's <c>channelId</c> (must be endorsed by the signing key).</param>
/// <param name="ServiceUrl">The activity's <c>serviceUrl</c> (must equal the token's <c>serviceurl</c> claim).</param>
/// <param name="TenantId">The activity's tenant: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</param>
public sealed record InboundActivityContext(string? ChannelId, string? ServiceUrl, string? TenantId)
{
    public static readonly InboundActivityContext Unreadable = new(null, null, null);

    /// <summary>
    /// Reads only what the token is checked against from a request body that has not been authenticated yet, and never
    /// throws: each value counts only if it is a string, and a body that is not a JSON object gives nothing at all. The
    /// values are found exactly as the activity itself is deserialized later (the same serializer and options: names in
    /// any case, the last of duplicates), so what was authenticated is what the turn sees.
    /// </summary>
    public static InboundActivityContext Read(ReadOnlySpan<byte> body)
    {
        try
        {
            if (JsonSerializer.Deserialize<Envelope>(body, BotJson.Options) is not { } envelope)
            {
                return Unreadable;
            }

            var tenant = String(Member<TenantHolder>(envelope.ChannelData)?.Tenant is { } tenantInfo ? Member<IdHolder>(tenantInfo)?.Id : null)
                ?? String(Member<ConversationHolder>(envelope.Conversation)?.TenantId);
            return new InboundActivityContext(String(envelope.ChannelId), String(envelope.ServiceUrl), tenant);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return Unreadable;
        }
    }

    private static T? Member<T>(JsonElement? element)
        where T : class =>
        element is { ValueKind: JsonValueKind.Object } value ? value.Deserialize<T>(BotJson.Options) : null;

    private static string? String(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The top level of an activity, each member kept as whatever JSON it is.</summary>
    private sealed class Envelope
    {
        public JsonElement? ChannelId { get; init; }
        public JsonElement? ServiceUrl { get; init; }
        public JsonElement? Conversation { get; init; }
        public JsonElement? ChannelData { get; init; }
    }

    private sealed class ConversationHolder
    {
        public JsonElement? TenantId { get; init; }
    }

    private sealed class TenantHolder
    {
        public JsonElement? Tenant { get; init; }
    }

    private sealed class IdHolder
    {
        public JsonElement? Id { get; init; }
    }
}
