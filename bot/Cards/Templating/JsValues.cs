using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Cards.Templating;

/// <summary>
/// Values during evaluation are <see cref="Undefined"/>, null, bool, double, string, or a <see cref="JsonElement"/> of
/// the card's data: objects and lists, and leaves (text, numbers) that are unwrapped only when an operator needs the
/// primitive, so a value that is only written out is copied from the data's JSON as it is.
/// These helpers reproduce the adaptive-expressions rules the templates rely on.
/// </summary>
internal static class JsValues
{
    public static readonly object True = true;
    public static readonly object False = false;

    // JavaScript's Number.EPSILON, which commonEquals uses for numbers.
    private const double NumberEpsilon = 2.220446049250313e-16;

    public static object Box(bool value) => value ? True : False;

    /// <summary>Turns a template node into a value (objects and arrays stay nodes): for constants read at load time.</summary>
    public static object? FromNode(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => True,
            JsonValueKind.False => False,
            JsonValueKind.Number => ToDouble(value),
            _ => null,
        };
    }

    /// <summary>A data element as a value: null and booleans as themselves, anything else the element.</summary>
    public static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        _ => element,
    };

    private static double ToDouble(JsonValue value)
    {
        if (value.TryGetValue(out double d))
        {
            return d;
        }

        if (value.TryGetValue(out JsonElement element))
        {
            return element.GetDouble();
        }

        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Unwraps a data leaf so operators see primitives (objects and lists stay elements).</summary>
    public static object? Prim(object? value) => value switch
    {
        JsonElement element => element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.True => True,
            JsonValueKind.False => False,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value,
        },
        JsonValue node => FromNode(node),
        _ => value,
    };

    public static bool IsArray(object? value, out JsonElement array)
    {
        array = value is JsonElement { ValueKind: JsonValueKind.Array } element ? element : default;
        return array.ValueKind == JsonValueKind.Array;
    }

    public static bool IsObject(object? value, out JsonElement obj)
    {
        obj = value is JsonElement { ValueKind: JsonValueKind.Object } element ? element : default;
        return obj.ValueKind == JsonValueKind.Object;
    }

    public static int PropertyCount(JsonElement obj)
    {
        var count = 0;
        foreach (var _ in obj.EnumerateObject())
        {
            count++;
        }

        return count;
    }

    /// <summary>adaptive-expressions' isLogicTrue: booleans are themselves, null/undefined are false, the rest true.</summary>
    public static bool IsLogicTrue(object? value) => value switch
    {
        // Text, numbers, objects and lists are all true, whatever they hold: no need to read them.
        JsonElement element => element.ValueKind is not (JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined),
        bool b => b,
        null or Undefined => false,
        _ => true,
    };

    public static bool IsNullish(object? value) => value switch
    {
        JsonElement element => element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined,
        _ => value is null or Undefined,
    };

    /// <summary>adaptive-expressions' commonEquals: nullish match each other, arrays and objects deeply, numbers within epsilon.</summary>
    public static bool CommonEquals(object? left, object? right)
    {
        // Text from the data against text: compared on the data's own bytes.
        switch (left, right)
        {
            case (JsonElement { ValueKind: JsonValueKind.String } l, string r):
                return l.ValueEquals(r);
            case (string l, JsonElement { ValueKind: JsonValueKind.String } r):
                return r.ValueEquals(l);
        }

        var a = Prim(left);
        var b = Prim(right);
        if (a is null or Undefined || b is null or Undefined)
        {
            return a is null or Undefined && b is null or Undefined;
        }

        if (IsArray(a, out var xs) && IsArray(b, out var ys))
        {
            return ArraysEqual(xs, ys, static (x, y) => CommonEquals(FromElement(x), FromElement(y)));
        }

        if (IsObject(a, out var xo) && IsObject(b, out var yo))
        {
            return DeepEqualObjects(xo, yo);
        }

        return (a, b) switch
        {
            (double x, double y) => Math.Abs(x - y) < NumberEpsilon || x == y,
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (bool x, bool y) => x == y,
            _ => false,
        };
    }

    // lodash isEqual on plain JSON: same keys, values strictly and deeply equal.
    private static bool DeepEqualObjects(JsonElement x, JsonElement y)
    {
        if (PropertyCount(x) != PropertyCount(y))
        {
            return false;
        }

        foreach (var property in x.EnumerateObject())
        {
            if (!y.TryGetProperty(property.Name, out var other) || !StrictDeepEquals(property.Value, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Same length and each pair of items equal by <paramref name="equal"/>.</summary>
    private static bool ArraysEqual(JsonElement xs, JsonElement ys, Func<JsonElement, JsonElement, bool> equal)
    {
        if (xs.GetArrayLength() != ys.GetArrayLength())
        {
            return false;
        }

        using var x = xs.EnumerateArray();
        using var y = ys.EnumerateArray();
        while (x.MoveNext() && y.MoveNext())
        {
            if (!equal(x.Current, y.Current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StrictDeepEquals(JsonElement left, JsonElement right)
    {
        var a = Prim(FromElement(left));
        var b = Prim(FromElement(right));
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (IsArray(a, out var xs) && IsArray(b, out var ys))
        {
            return ArraysEqual(xs, ys, StrictDeepEquals);
        }

        if (IsObject(a, out var xo) && IsObject(b, out var yo))
        {
            return DeepEqualObjects(xo, yo);
        }

        return (a, b) switch
        {
            (double x, double y) => x == y,
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (bool x, bool y) => x == y,
            _ => false,
        };
    }

    /// <summary>The JavaScript <c>typeof</c> name, for messages.</summary>
    public static string TypeName(object? value) => Prim(value) switch
    {
        null => "null",
        Undefined => "undefined",
        bool => "boolean",
        double => "number",
        string => "string",
        JsonElement { ValueKind: JsonValueKind.Array } => "array",
        _ => "object",
    };

    /// <summary>
    /// JavaScript's Number.prototype.toString (ECMA-262 Number::toString) for finite numbers, so numbers
    /// embedded in text read exactly as the reference library writes them (1e+21, 1e-7, 0.000001).
    /// </summary>
    public static string FormatNumber(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var sign = value < 0 ? "-" : string.Empty;
        var (digits, n) = ShortestDigits(Math.Abs(value));
        var k = digits.Length;
        string body;
        if (k <= n && n <= 21)
        {
            body = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body = string.Concat(digits.AsSpan(0, n), ".", digits.AsSpan(n));
        }
        else if (-6 < n && n <= 0)
        {
            body = "0." + new string('0', -n) + digits;
        }
        else
        {
            var e = n - 1;
            var exponent = (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
            body = k == 1 ? digits + "e" + exponent : $"{digits[0]}.{digits[1..]}e{exponent}";
        }

        return sign + body;
    }

    // Shortest round-trip digits s and position n such that value = 0.s × 10^n.
    private static (string Digits, int N) ShortestDigits(double value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var ePos = shortest.IndexOfAny(['E', 'e']);
        var mantissa = shortest;
        if (ePos >= 0)
        {
            exponent = int.Parse(shortest.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = shortest[..ePos];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var all = intPart + fracPart;
        var pointPos = intPart.Length + exponent;
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0')
        {
            leading++;
        }

        all = all[leading..];
        pointPos -= leading;
        return (all.TrimEnd('0') is { Length: > 0 } trimmed ? trimmed : "0", pointPos);
    }
}
