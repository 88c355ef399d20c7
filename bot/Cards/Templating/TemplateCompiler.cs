using System.Text.Json.Nodes;

namespace LearningBot.Cards.Templating;

/// <summary>
/// Turns a template's JSON into a tree of <see cref="TemplateNode"/>s once, refusing at load time anything the
/// binder would not bind exactly as the reference library does.
/// </summary>
internal sealed class TemplateCompiler(string templateName)
{
    private const string DataKey = "$data";
    private const string WhenKey = "$when";

    // Keys the reference library strips from output or reads as context; a template has no business setting them.
    private static readonly string[] ReservedKeys = ["$root", "$index", "$host", "$_acTemplateVersion"];

    public TemplateNode CompileRoot(JsonObject root)
    {
        if (root.ContainsKey(DataKey) || root.ContainsKey(WhenKey))
        {
            throw new CardTemplateException(templateName, null, "the card itself cannot carry $data or $when; put them on an element");
        }

        return Compile(root, "$");
    }

    private TemplateNode Compile(JsonNode? node, string where) => node switch
    {
        JsonObject obj => CompileObject(obj, where),
        JsonArray array => CompileArray(array, where),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => CompileString(value.GetValue<string>(), where),
        _ => new ConstantNode(Primitive(node)),
    };

    // Parsed leaves wrap a JsonElement, which is slow to clone; plain values clone cheaply on every bind.
    private static JsonValue? Primitive(JsonNode? node) => JsValues.FromNode(node) switch
    {
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        _ => null,
    };

    private TemplateNode CompileObject(JsonObject obj, string where)
    {
        Expr? data = null;
        Expr? when = null;
        var properties = new List<KeyValuePair<string, TemplateNode>>(obj.Count);
        foreach (var (key, value) in obj)
        {
            var path = $"{where}.{key}";
            switch (key)
            {
                case DataKey:
                    data = WholeExpression(value, path);
                    break;
                case WhenKey:
                    when = WholeExpression(value, path);
                    break;
                default:
                    if (ReservedKeys.Contains(key, StringComparer.Ordinal))
                    {
                        throw new CardTemplateException(templateName, null, $"'{key}' at {where} is reserved by the templating language");
                    }

                    properties.Add(new(key, Compile(value, path)));
                    break;
            }
        }

        if (data is null && when is null && properties.All(p => p.Value is ConstantNode))
        {
            var constant = new JsonObject();
            foreach (var (key, node) in properties)
            {
                constant[key] = ((ConstantNode)node).Value?.DeepClone();
            }

            return new ConstantNode(constant);
        }

        return new ObjectNode([.. properties], data, when);
    }

    private TemplateNode CompileArray(JsonArray array, string where)
    {
        var items = array.Select((item, i) => Compile(item, $"{where}[{i}]")).ToArray();
        if (items.All(item => item is ConstantNode))
        {
            var constant = new JsonArray();
            foreach (var item in items)
            {
                ArrayNode.AddExpanded(constant, ((ConstantNode)item).Value?.DeepClone());
            }

            return new ConstantNode(constant);
        }

        return new ArrayNode(items);
    }

    private Expr WholeExpression(JsonNode? value, string where)
    {
        if (value is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String
            && CompileString(text.GetValue<string>(), where) is ValueNode node)
        {
            return node.Expression;
        }

        throw new CardTemplateException(templateName, value?.ToJsonString(), $"{where} must be a single expression such as \"${{items}}\"");
    }

    private TemplateNode CompileString(string text, string where)
    {
        var open = text.IndexOf("${", StringComparison.Ordinal);
        if (open < 0)
        {
            return new ConstantNode(JsonValue.Create(text));
        }

        // The reference parses such strings as an expression-language template literal, where these two
        // characters change meaning; refuse them rather than guess.
        if (text.IndexOfAny(['\\', '`']) >= 0)
        {
            throw new CardTemplateException(templateName, text, $"text with expressions at {where} cannot contain a backslash or a backtick");
        }

        var parts = new List<object>();
        var literalLength = 0;
        var pos = 0;
        while (open >= 0)
        {
            if (open > pos)
            {
                parts.Add(text[pos..open]);
                literalLength += open - pos;
            }

            try
            {
                var (expression, end) = ExpressionParser.ParseEmbedded(text, open + 2);
                parts.Add(expression);
                pos = end;
            }
            catch (ExpressionSyntaxException ex)
            {
                throw new CardTemplateException(templateName, ex.Expression, $"{ex.Reason} (at {where})");
            }

            open = text.IndexOf("${", pos, StringComparison.Ordinal);
        }

        if (pos < text.Length)
        {
            parts.Add(text[pos..]);
            literalLength += text.Length - pos;
        }

        return parts is [Expr single] ? new ValueNode(single) : new TextNode([.. parts], literalLength);
    }
}
