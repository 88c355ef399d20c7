using System.Globalization;
using System.Text;
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

internal enum PathRoot
{
    Data,
    Root,
    Index,
}

/// <summary>One step of a path: a property name, or a whole-number index when <see cref="Name"/> is null.</summary>
internal readonly record struct PathStep(string? Name, int Index);

/// <summary><c>name.child[0].leaf</c>, <c>$root.x</c>, <c>$data</c>, <c>$index</c>.</summary>
internal sealed class PathExpr(string text, PathRoot root, PathStep[] steps) : Expr(text)
{
    public PathRoot Root { get; } = root;
    public IReadOnlyList<PathStep> Steps { get; } = steps;

    public override Outcome Evaluate(in Scope scope, bool substitute) => Evaluate(scope, substitute, steps.Length);

    private Outcome Evaluate(in Scope scope, bool substitute, int stepCount)
    {
        // A trailing index is an element access in adaptive-expressions: it reports range errors
        // instead of quietly yielding nothing, and is not substituted.
        if (stepCount > 0 && steps[stepCount - 1].Name is null)
        {
            var instance = Evaluate(scope, substitute, stepCount - 1);
            if (instance.Failed)
            {
                return instance;
            }

            var at = steps[stepCount - 1].Index;
            return JsValues.Prim(instance.Value) switch
            {
                null or Undefined => Outcome.Of(Undefined.Value),
                JsonElement { ValueKind: JsonValueKind.Array } array => (uint)at < (uint)array.GetArrayLength()
                    ? Outcome.Of(JsValues.FromElement(array[at]))
                    : Outcome.Fail($"{at} is out of range"),
                _ => Outcome.Fail($"{PrefixText(stepCount - 1)} is not a list"),
            };
        }

        var value = Walk(scope, stepCount);
        if (value is Undefined && substitute)
        {
            return new Outcome(Undefined.Value, $"'{PrefixText(stepCount)}' has no value in the card's data", Missing: true);
        }

        return Outcome.Of(value);
    }

    /// <summary>
    /// Writes the path's value when the data has one at the end of a walk through objects and lists, without boxing
    /// each step as <see cref="Evaluate(in Scope, bool)"/> does; false (nothing written) for anything else (no value,
    /// a trailing index, <c>$index</c>, a character of a text), which <see cref="Evaluate(in Scope, bool)"/> decides.
    /// </summary>
    public bool TryWriteElement(Utf8JsonWriter writer, in Scope scope)
    {
        if (Root == PathRoot.Index || steps.Length == 0 || steps[^1].Name is null
            || (Root == PathRoot.Root ? scope.Root : scope.Data) is not JsonElement current)
        {
            return false;
        }

        foreach (var step in steps)
        {
            if (step.Name is null)
            {
                if (current.ValueKind != JsonValueKind.Array || (uint)step.Index >= (uint)current.GetArrayLength())
                {
                    return false;
                }

                current = current[step.Index];
                continue;
            }

            if (current.ValueKind != JsonValueKind.Object || !TryFindProperty(current, step.Name, out current))
            {
                return false;
            }
        }

        current.WriteTo(writer);
        return true;
    }

    private static bool TryFindProperty(JsonElement obj, string name, out JsonElement value)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (NameMatches(property, name))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    // The reference library's memory lookup: any dead end yields undefined.
    private object? Walk(in Scope scope, int stepCount)
    {
        object? current = Root switch
        {
            PathRoot.Root => scope.Root,
            PathRoot.Data => scope.Data,
            _ => scope.Index == Scope.NoIndex ? Undefined.Value : (double)scope.Index,
        };

        for (var i = 0; i < stepCount; i++)
        {
            var step = steps[i];
            if (step.Name is null && JsValues.IsArray(current, out var array))
            {
                if ((uint)step.Index >= (uint)array.GetArrayLength())
                {
                    return Undefined.Value;
                }

                current = JsValues.FromElement(array[step.Index]);
                continue;
            }

            current = Property(current, step.Name ?? step.Index.ToString(CultureInfo.InvariantCulture));
        }

        return current;
    }

    // Property names match case-insensitively, first match in document order, as the reference does.
    private static object? Property(object? instance, string name)
    {
        if (JsValues.IsObject(instance, out var obj))
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (NameMatches(property, name))
                {
                    return JsValues.FromElement(property.Value);
                }
            }

            return Undefined.Value;
        }

        return JsValues.Prim(instance) is string { Length: > 0 } text
            && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < text.Length
            ? text[at].ToString()
            : Undefined.Value;
    }

    /// <summary>A property's name against a path's, ignoring case, read from the data's bytes when both are plain ASCII.</summary>
    private static bool NameMatches(JsonProperty property, string name)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw) && Ascii.IsValid(name)
            ? Ascii.EqualsIgnoreCase(raw, name)
            : string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
    }

    private string PrefixText(int stepCount)
    {
        var text = Root switch
        {
            PathRoot.Root => "$root",
            PathRoot.Index => "$index",
            _ => string.Empty,
        };

        for (var i = 0; i < stepCount; i++)
        {
            var step = steps[i];
            text = step.Name is null
                ? $"{text}[{step.Index}]"
                : text.Length == 0 ? step.Name : $"{text}.{step.Name}";
        }

        return text.Length == 0 ? "$data" : text;
    }
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
