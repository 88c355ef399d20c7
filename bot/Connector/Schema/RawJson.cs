using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LearningBot.Connector.Schema;

/// <summary>
/// JSON written elsewhere (a card bound straight to bytes) carried as a node and sent as it is: serializing the activity
/// copies the bytes into the request, and nothing is read into nodes unless someone looks inside (then the node is
/// read like any other, through its JSON).
/// </summary>
public static class RawJson
{
    private static readonly JsonTypeInfo<Utf8> TypeInfo = (JsonTypeInfo<Utf8>)new JsonSerializerOptions
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    }.GetTypeInfo(typeof(Utf8));

    /// <summary>A node for one complete JSON value in UTF-8; the array must not change afterwards.</summary>
    public static JsonNode Node(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return JsonValue.Create(new Utf8(utf8Json), TypeInfo)!;
    }

    // The converter is on the type, not only in these options: a node written with other options (the activity's, or
    // ToJsonString's defaults) looks its converter up again in those.
    [JsonConverter(typeof(Utf8Converter))]
    private sealed record Utf8(byte[] Json);

    private sealed class Utf8Converter : JsonConverter<Utf8>
    {
        public override Utf8 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Raw JSON is only ever written.");

        public override void Write(Utf8JsonWriter writer, Utf8 value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
