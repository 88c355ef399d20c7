using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Cards.Templating;

/// <summary>JSON with no expressions in it, serialized once at load time and copied as bytes on every bind.</summary>
internal sealed class ConstantNode : TemplateNode
{
    private readonly byte[]? _json;
    private readonly byte[]?[] _items;

    public ConstantNode(JsonNode? value)
    {
        Value = value;
        _json = value is null ? null : Serialize(value);
        _items = value switch
        {
            null => [],
            JsonArray list => [.. list.Select(item => item is null ? null : Serialize(item))],
            _ => [_json],
        };
    }

    /// <summary>The constant itself, for composing larger constants at load time; never handed out to a bind.</summary>
    public JsonNode? Value { get; }

    public override void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context) => WriteRaw(writer, _json);

    public override void WriteItems(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        foreach (var item in _items)
        {
            WriteRaw(writer, item);
        }
    }

    private static void WriteRaw(Utf8JsonWriter writer, byte[]? json)
    {
        if (json is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(json, skipInputValidation: true);
        }
    }

    private static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CardWriting.WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
