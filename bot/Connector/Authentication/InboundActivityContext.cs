using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace LearningBot.Connector.Authentication;

/// <summary>The parts of the inbound activity that the token is checked against.</summary>
/// <param name="ChannelId">The activity's <c>channelId</c> (must be endorsed by the signing key).</param>
/// <param name="ServiceUrl">The activity's <c>serviceUrl</c> (must equal the token's <c>serviceurl</c> claim).</param>
/// <param name="TenantId">The activity's tenant: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</param>
public sealed record InboundActivityContext(string? ChannelId, string? ServiceUrl, string? TenantId)
{
    public static readonly InboundActivityContext Unreadable = new(null, null, null);

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = BotJson.Options.AllowTrailingCommas,
        CommentHandling = BotJson.Options.ReadCommentHandling,
        MaxDepth = BotJson.Options.MaxDepth,
    };

    /// <summary>
    /// Reads only what the token is checked against from a request body that has not been authenticated yet, and never
    /// throws: each value counts only if it is a string, and a body that is not one valid JSON object gives nothing at
    /// all. The values are found exactly as the activity itself is deserialized later (names in any case, the last of
    /// duplicates, the serializer's reader options), so what was authenticated is what the turn sees. One forward pass
    /// with a reader: nothing but the three strings is allocated.
    /// </summary>
    public static InboundActivityContext Read(ReadOnlySpan<byte> body)
    {
        // JSON is UTF-8 (RFC 8259); the reader checks that only when a string is decoded, and then throws.
        if (!Utf8.IsValid(body))
        {
            return Unreadable;
        }

        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Unreadable;
            }

            string? channelId = null, serviceUrl = null, channelDataTenant = null, conversationTenant = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (NameIs(ref reader, "channelId"))
                {
                    channelId = StringValue(ref reader);
                }
                else if (NameIs(ref reader, "serviceUrl"))
                {
                    serviceUrl = StringValue(ref reader);
                }
                else if (NameIs(ref reader, "conversation"))
                {
                    conversationTenant = MemberOfObject(ref reader, "tenantId", static (ref Utf8JsonReader value) => StringValue(ref value));
                }
                else if (NameIs(ref reader, "channelData"))
                {
                    channelDataTenant = MemberOfObject(ref reader, "tenant",
                        static (ref Utf8JsonReader tenant) => MemberOfObject(ref tenant, "id", static (ref Utf8JsonReader id) => StringValue(ref id)));
                }
                else
                {
                    reader.Skip();
                }
            }

            // Whatever follows the object must be nothing but whitespace, as for the serializer.
            if (reader.Read())
            {
                return Unreadable;
            }

            return new InboundActivityContext(channelId, serviceUrl, channelDataTenant ?? conversationTenant);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return Unreadable;
        }
    }

    private delegate string? ValueReader(ref Utf8JsonReader reader);

    /// <summary>
    /// At a property name: moves to its value and, when that is an object, gives what <paramref name="read"/> makes of
    /// the last member called <paramref name="name"/> (null when there is none); any other value gives null. The value
    /// is consumed whole either way.
    /// </summary>
    private static string? MemberOfObject(ref Utf8JsonReader reader, string name, ValueReader read)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (NameIs(ref reader, name))
            {
                found = read(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return found;
    }

    /// <summary>At a property name: its value when that is a string, else null (the value is consumed whole).</summary>
    private static string? StringValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>The property name matched as the serializer matches it with case-insensitive names (ordinal, ignoring case).</summary>
    private static bool NameIs(ref Utf8JsonReader reader, string name)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && Ascii.IsValid(reader.ValueSpan))
        {
            return Ascii.EqualsIgnoreCase(reader.ValueSpan, name);
        }

        return string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase);
    }
}
