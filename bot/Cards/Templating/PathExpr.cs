using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LearningBot.Cards.Templating;

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
