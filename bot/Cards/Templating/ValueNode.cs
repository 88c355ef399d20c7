using System.Text.Json;

namespace LearningBot.Cards.Templating;

/// <summary>A string that is exactly one <c>${expression}</c>: the result keeps its type (number, boolean, object...).</summary>
internal sealed class ValueNode(Expr expression) : TemplateNode
{
    public Expr Expression { get; } = expression;

    public override void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        // Most values are a path into the data, written as they are.
        if (Expression is PathExpr path && path.TryWriteElement(writer, scope))
        {
            return;
        }

        Write(writer, Evaluate(Expression, scope, context));
    }

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
