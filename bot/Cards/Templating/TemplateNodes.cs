using System.Text;
using System.Text.Json.Nodes;

namespace LearningBot.Cards.Templating;

/// <summary>
/// A compiled template part. <see cref="Expand"/> follows the reference library's <c>internalExpand</c>:
/// it returns the value, or null for "nothing" (an object whose <c>$when</c> is false, or a <c>$data</c> over an
/// empty list); a <see cref="JsonArray"/> returned into a list is spliced into it.
/// </summary>
internal abstract class TemplateNode
{
    public abstract JsonNode? Expand(in Scope scope, BindContext context);
}

/// <summary>JSON with no expressions in it, expanded once at load time.</summary>
internal sealed class ConstantNode(JsonNode? value) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope, BindContext context) => value?.DeepClone();
}

/// <summary>A string that is exactly one <c>${expression}</c>: the result keeps its type (number, boolean, object...).</summary>
internal sealed class ValueNode(Expr expression) : TemplateNode
{
    public Expr Expression { get; } = expression;

    public override JsonNode? Expand(in Scope scope, BindContext context) =>
        ToNode(Evaluate(Expression, scope, context));

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

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        _ => throw new InvalidOperationException($"Unexpected value {value.GetType()}"),
    };
}

/// <summary>Text with expressions inside it: every part is turned into text the way JavaScript would.</summary>
internal sealed class TextNode(object[] parts, int literalLength) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope, BindContext context)
    {
        var text = new StringBuilder(literalLength + (16 * parts.Length));
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

        return JsonValue.Create(text.ToString());
    }
}

internal sealed class ArrayNode(TemplateNode[] items) : TemplateNode
{
    public override JsonNode? Expand(in Scope scope, BindContext context)
    {
        var result = new JsonArray();
        foreach (var item in items)
        {
            AddExpanded(result, item.Expand(scope, context));
        }

        return result;
    }

    // Lists flatten one level and drop nulls, exactly as the reference's expansion does.
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
    public override JsonNode? Expand(in Scope scope, BindContext context)
    {
        if (data is null)
        {
            return Include(scope) ? Build(scope, context) : null;
        }

        switch (ValueNode.Evaluate(data, scope, context))
        {
            case JsonArray list:
                JsonNode? single = null;
                JsonArray? many = null;
                for (var i = 0; i < list.Count; i++)
                {
                    var itemScope = scope with { Data = list[i], Index = i };
                    if (!Include(itemScope))
                    {
                        continue;
                    }

                    var built = Build(itemScope, context);
                    if (single is null && many is null)
                    {
                        single = built;
                    }
                    else
                    {
                        many ??= new JsonArray { single };
                        many.Add(built);
                    }
                }

                return many ?? single;
            case var item:
                var scoped = scope with { Data = item as JsonNode ?? ValueNode.ToNode(item) };
                return Include(scoped) ? Build(scoped, context) : null;
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

    private JsonObject Build(in Scope scope, BindContext context)
    {
        var result = new JsonObject();
        foreach (var (name, node) in properties)
        {
            result[name] = node.Expand(scope, context);
        }

        return result;
    }
}
