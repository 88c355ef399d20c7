using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Cards.Templating;

/// <summary>
/// A compiled template part, written straight to JSON: no tree of the bound card is built. The writing follows the
/// reference library's <c>internalExpand</c>, where a part expands to a value or to "nothing" (an object whose
/// <c>$when</c> is false, or a <c>$data</c> over an empty list), and a list expanded into a list is spliced into it.
/// Where a value is expected (<see cref="WriteValue"/>, a property) "nothing" is written as null; inside a list
/// (<see cref="WriteItems"/>) it is left out and a list's items are written one by one.
/// </summary>
internal abstract class TemplateNode
{
    /// <summary>Writes exactly one JSON value: null for "nothing".</summary>
    public abstract void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context);

    /// <summary>Writes what the part adds to a list: nothing for "nothing", a list's items spliced one level.</summary>
    public abstract void WriteItems(Utf8JsonWriter writer, in Scope scope, BindContext context);

    /// <summary>A value from the expression language as JSON (objects and lists from the data as they are).</summary>
    protected static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            default:
                throw new InvalidOperationException($"Unexpected value {value.GetType()}");
        }
    }
}

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

/// <summary>A string that is exactly one <c>${expression}</c>: the result keeps its type (number, boolean, object...).</summary>
internal sealed class ValueNode(Expr expression) : TemplateNode
{
    public Expr Expression { get; } = expression;

    public override void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context) =>
        Write(writer, Evaluate(Expression, scope, context));

    public override void WriteItems(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        switch (Evaluate(Expression, scope, context))
        {
            case null:
                return;
            case JsonElement { ValueKind: JsonValueKind.Array } list:
                // Spliced, null items included, as the reference's expansion does.
                foreach (var item in list.EnumerateArray())
                {
                    item.WriteTo(writer);
                }

                return;
            case var value:
                Write(writer, value);
                return;
        }
    }

    public static object? Evaluate(Expr expression, in Scope scope, BindContext context)
    {
        var outcome = expression.Evaluate(scope, substitute: true);
        if (outcome.Failed)
        {
            throw context.Fail(expression, outcome.Error!);
        }

        if (outcome.Value is Undefined)
        {
            throw context.Fail(expression, "the expression has no value");
        }

        return outcome.Value;
    }
}

/// <summary>Text with expressions inside it: every part is turned into text the way JavaScript would.</summary>
internal sealed class TextNode(object[] parts, int literalLength) : TemplateNode
{
    public override void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        var text = new PooledText(literalLength + (16 * parts.Length));
        try
        {
            foreach (var part in parts)
            {
                if (part is string literal)
                {
                    text.Append(literal);
                    continue;
                }

                var expression = (Expr)part;
                switch (JsValues.Prim(ValueNode.Evaluate(expression, scope, context)))
                {
                    case string s:
                        text.Append(s);
                        break;
                    case double d:
                        text.Append(JsValues.FormatNumber(d));
                        break;
                    case bool b:
                        text.Append(b ? "true" : "false");
                        break;
                    case null:
                        throw context.Fail(expression, "the value is null, which cannot be shown inside text");
                    case var other:
                        throw context.Fail(expression, $"the value is {JsValues.TypeName(other)}, which cannot be shown inside text");
                }
            }

            writer.WriteStringValue(text.Written);
        }
        finally
        {
            text.Dispose();
        }
    }

    public override void WriteItems(Utf8JsonWriter writer, in Scope scope, BindContext context) =>
        WriteValue(writer, scope, context);

    /// <summary>Characters in a pooled array: the text goes to the writer, never to a string.</summary>
    private struct PooledText(int capacity)
    {
        private char[] _chars = ArrayPool<char>.Shared.Rent(capacity);
        private int _length;

        public readonly ReadOnlySpan<char> Written => _chars.AsSpan(0, _length);

        public void Append(string value)
        {
            if (_length + value.Length > _chars.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + value.Length));
                Written.CopyTo(larger);
                ArrayPool<char>.Shared.Return(_chars);
                _chars = larger;
            }

            value.CopyTo(_chars.AsSpan(_length));
            _length += value.Length;
        }

        public void Dispose() => ArrayPool<char>.Shared.Return(_chars);
    }
}

internal sealed class ArrayNode(TemplateNode[] items) : TemplateNode
{
    public override void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        writer.WriteStartArray();
        WriteItems(writer, scope, context);
        writer.WriteEndArray();
    }

    // Lists flatten one level and drop "nothing", exactly as the reference's expansion does.
    public override void WriteItems(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        foreach (var item in items)
        {
            item.WriteItems(writer, scope, context);
        }
    }

    /// <summary>Adds an expanded constant to a constant list at load time, with the same splicing.</summary>
    public static void AddExpanded(JsonArray target, JsonNode? expanded)
    {
        switch (expanded)
        {
            case null:
                return;
            case JsonArray many:
                var moved = many.ToArray();
                many.Clear();
                foreach (var node in moved)
                {
                    target.Add(node);
                }

                return;
            default:
                target.Add(expanded);
                return;
        }
    }
}

/// <summary>An object, possibly repeated by <c>$data</c> and filtered by <c>$when</c>.</summary>
internal sealed class ObjectNode(KeyValuePair<string, TemplateNode>[] properties, Expr? data, Expr? when) : TemplateNode
{
    private readonly JsonEncodedText[] _names = [.. properties.Select(p => JsonEncodedText.Encode(p.Key, CardWriting.WriterOptions.Encoder))];

    public override void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        if (data is null)
        {
            WriteIncluded(writer, scope, context, orNull: true);
            return;
        }

        switch (ValueNode.Evaluate(data, scope, context))
        {
            case JsonElement { ValueKind: JsonValueKind.Array } list:
                // One included item is the object itself, several are a list of them, none is null.
                var first = -1;
                var included = 0;
                JsonElement firstItem = default;
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (Include(scope with { Data = JsValues.FromElement(item), Index = i }) && included++ == 0)
                    {
                        (first, firstItem) = (i, item);
                    }

                    if (included == 2)
                    {
                        break;
                    }

                    i++;
                }

                switch (included)
                {
                    case 0:
                        writer.WriteNullValue();
                        return;
                    case 1:
                        Build(writer, scope with { Data = JsValues.FromElement(firstItem), Index = first }, context);
                        return;
                    default:
                        writer.WriteStartArray();
                        WriteEach(writer, list, scope, context);
                        writer.WriteEndArray();
                        return;
                }

            case var item:
                WriteIncluded(writer, scope with { Data = item }, context, orNull: true);
                return;
        }
    }

    public override void WriteItems(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        if (data is null)
        {
            WriteIncluded(writer, scope, context, orNull: false);
            return;
        }

        switch (ValueNode.Evaluate(data, scope, context))
        {
            case JsonElement { ValueKind: JsonValueKind.Array } list:
                WriteEach(writer, list, scope, context);
                return;
            case var item:
                WriteIncluded(writer, scope with { Data = item }, context, orNull: false);
                return;
        }
    }

    private void WriteIncluded(Utf8JsonWriter writer, in Scope scope, BindContext context, bool orNull)
    {
        if (Include(scope))
        {
            Build(writer, scope, context);
        }
        else if (orNull)
        {
            writer.WriteNullValue();
        }
    }

    private void WriteEach(Utf8JsonWriter writer, JsonElement list, in Scope scope, BindContext context)
    {
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemScope = scope with { Data = JsValues.FromElement(item), Index = i++ };
            if (Include(itemScope))
            {
                Build(writer, itemScope, context);
            }
        }
    }

    // $when is false unless it evaluates to exactly true; errors count as false, as in the reference.
    private bool Include(in Scope scope)
    {
        if (when is null)
        {
            return true;
        }

        var outcome = when.Evaluate(scope, substitute: false);
        return !outcome.Failed && JsValues.Prim(outcome.Value) is true;
    }

    private void Build(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        writer.WriteStartObject();
        for (var i = 0; i < properties.Length; i++)
        {
            writer.WritePropertyName(_names[i]);
            properties[i].Value.WriteValue(writer, scope, context);
        }

        writer.WriteEndObject();
    }
}
