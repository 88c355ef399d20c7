using System.Text.Json;

namespace LearningBot.Cards.Templating;

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
