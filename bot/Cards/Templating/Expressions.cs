using System.Text.Json;

namespace LearningBot.Cards.Templating;

/// <summary>What an expression can see: the whole data (<c>$root</c>), the current scope (<c>$data</c>) and the repetition index.</summary>
internal readonly record struct Scope(object? Root, object? Data, int Index)
{
    public const int NoIndex = -1;

    public static Scope For(JsonElement root)
    {
        var value = JsValues.FromElement(root);
        return new(value, value, NoIndex);
    }
}

/// <summary>
/// The outcome of evaluating an expression, shaped like adaptive-expressions' <c>{ value, error }</c>: operators
/// such as <c>!</c> and <c>||</c> look at both. <see cref="Missing"/> marks a path with no value where the
/// reference library would have printed the expression back as text.
/// </summary>
internal readonly record struct Outcome(object? Value, string? Error, bool Missing = false)
{
    public bool Failed => Error is not null;

    public static Outcome Of(object? value) => new(value, null);

    public static Outcome Fail(string error, object? value = null) => new(value ?? Undefined.Value, error);
}

internal abstract class Expr(string text)
{
    /// <summary>The source text, for messages.</summary>
    public string Text { get; } = text;

    /// <param name="substitute">
    /// True where the reference library substitutes a missing path with its own text (plain values, <c>$data</c>, and
    /// the arguments of <c>count</c> or an index); false under comparisons, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and in <c>$when</c>.
    /// </param>
    public abstract Outcome Evaluate(in Scope scope, bool substitute);

    public override string ToString() => Text;
}

internal sealed class LiteralExpr(string text, object? value) : Expr(text)
{
    public object? Value { get; } = value;

    public override Outcome Evaluate(in Scope scope, bool substitute) => Outcome.Of(Value);
}

internal sealed class NotExpr(string text, Expr operand) : Expr(text)
{
    public override Outcome Evaluate(in Scope scope, bool substitute)
    {
        var inner = operand.Evaluate(scope, substitute: false);
        return Outcome.Of(JsValues.Box(inner.Failed || !JsValues.IsLogicTrue(inner.Value)));
    }
}

internal sealed class AndExpr(string text, Expr left, Expr right) : Expr(text)
{
    public override Outcome Evaluate(in Scope scope, bool substitute)
    {
        foreach (var child in (ReadOnlySpan<Expr>)[left, right])
        {
            var outcome = child.Evaluate(scope, substitute: false);
            if (outcome.Failed || !JsValues.IsLogicTrue(outcome.Value))
            {
                return Outcome.Of(JsValues.False);
            }
        }

        return Outcome.Of(JsValues.True);
    }
}

/// <summary>Like adaptive-expressions' <c>||</c>: true, or else the last operand's own value.</summary>
internal sealed class OrExpr(string text, Expr left, Expr right) : Expr(text)
{
    public override Outcome Evaluate(in Scope scope, bool substitute)
    {
        object? result = JsValues.False;
        foreach (var child in (ReadOnlySpan<Expr>)[left, right])
        {
            var outcome = child.Evaluate(scope, substitute: false);
            if (!outcome.Failed && JsValues.IsLogicTrue(outcome.Value))
            {
                return Outcome.Of(JsValues.True);
            }

            result = outcome.Value;
        }

        return Outcome.Of(result);
    }
}

internal enum Comparison
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>Comparisons never fail on a missing or null operand: they are simply false.</summary>
internal sealed class CompareExpr(string text, Comparison op, Expr left, Expr right) : Expr(text)
{
    public override Outcome Evaluate(in Scope scope, bool substitute)
    {
        var ordering = op is not (Comparison.Equal or Comparison.NotEqual);
        var a = left.Evaluate(scope, substitute: false);
        if (a.Failed || (ordering && JsValues.IsNullish(a.Value)))
        {
            return Outcome.Of(JsValues.False);
        }

        var b = right.Evaluate(scope, substitute: false);
        if (b.Failed || (ordering && JsValues.IsNullish(b.Value)))
        {
            return Outcome.Of(JsValues.False);
        }

        if (!ordering)
        {
            var equal = JsValues.CommonEquals(a.Value, b.Value);
            return Outcome.Of(JsValues.Box(op == Comparison.Equal ? equal : !equal));
        }

        int order;
        switch (JsValues.Prim(a.Value), JsValues.Prim(b.Value))
        {
            case (double x, double y) when !double.IsNaN(x) && !double.IsNaN(y):
                order = x.CompareTo(y);
                break;
            case (string x, string y):
                order = string.CompareOrdinal(x, y);
                break;
            default:
                return Outcome.Fail($"{JsValues.TypeName(a.Value)} and {JsValues.TypeName(b.Value)} cannot be compared", JsValues.False);
        }

        var result = op switch
        {
            Comparison.Less => order < 0,
            Comparison.LessOrEqual => order <= 0,
            Comparison.Greater => order > 0,
            _ => order >= 0,
        };
        return Outcome.Of(JsValues.Box(result));
    }
}

/// <summary><c>empty(x)</c>: true for null, missing, "", [] and {}; false for anything else.</summary>
internal sealed class EmptyExpr(string text, Expr operand) : Expr(text)
{
    public override Outcome Evaluate(in Scope scope, bool substitute)
    {
        var inner = operand.Evaluate(scope, substitute: false);
        if (inner.Failed)
        {
            return Outcome.Of(JsValues.False);
        }

        if (inner.Value is JsonElement { ValueKind: JsonValueKind.String } text)
        {
            return Outcome.Of(JsValues.Box(text.ValueEquals(string.Empty)));
        }

        return JsValues.Prim(inner.Value) switch
        {
            null or Undefined => Outcome.Of(JsValues.True),
            string s => Outcome.Of(JsValues.Box(s.Length == 0)),
            JsonElement { ValueKind: JsonValueKind.Array } array => Outcome.Of(JsValues.Box(array.GetArrayLength() == 0)),
            JsonElement { ValueKind: JsonValueKind.Object } obj => Outcome.Of(JsValues.Box(JsValues.PropertyCount(obj) == 0)),
            _ => Outcome.Of(JsValues.False),
        };
    }
}

/// <summary><c>count(x)</c>: the length of a list, a text or an object's property list; anything else is an error.</summary>
internal sealed class CountExpr(string text, Expr operand) : Expr(text)
{
    public override Outcome Evaluate(in Scope scope, bool substitute)
    {
        var inner = operand.Evaluate(scope, substitute);
        if (inner.Failed)
        {
            return inner;
        }

        return JsValues.Prim(inner.Value) switch
        {
            string s => Outcome.Of((double)s.Length),
            JsonElement { ValueKind: JsonValueKind.Array } array => Outcome.Of((double)array.GetArrayLength()),
            JsonElement { ValueKind: JsonValueKind.Object } obj => Outcome.Of((double)JsValues.PropertyCount(obj)),
            var other => Outcome.Fail($"count() needs a list, text or object, not {JsValues.TypeName(other)}"),
        };
    }
}
