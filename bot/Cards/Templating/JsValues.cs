using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Cards.Templating;

/// <summary>
/// Values during evaluation are <see cref="Undefined"/>, null, bool, double, string, <see cref="JsonObject"/>
/// or <see cref="JsonArray"/>; data leaves arrive as <see cref="JsonValue"/> and are unwrapped on demand.
/// These helpers reproduce the adaptive-expressions rules the templates rely on.
/// </summary>
internal static class JsValues
{
    public static readonly object True = true;
    public static readonly object False = false;

    // JavaScript's Number.EPSILON, which commonEquals uses for numbers.
    private const double NumberEpsilon = 2.220446049250313e-16;

    public static object Box(bool value) => value ? True : False;

    /// <summary>Turns a data node into an evaluation value (objects and arrays stay nodes).</summary>
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

    /// <summary>Unwraps a leaf node so operators see primitives.</summary>
    public static object? Prim(object? value) => value is JsonValue node ? FromNode(node) : value;

    /// <summary>adaptive-expressions' isLogicTrue: booleans are themselves, null/undefined are false, the rest true.</summary>
    public static bool IsLogicTrue(object? value) => Prim(value) switch
    {
        bool b => b,
        null or Undefined => false,
        _ => true,
    };

    public static bool IsNullish(object? value) => Prim(value) is null or Undefined;

    /// <summary>adaptive-expressions' commonEquals: nullish match each other, arrays and objects deeply, numbers within epsilon.</summary>
    public static bool CommonEquals(object? left, object? right)
    {
        var a = Prim(left);
        var b = Prim(right);
        if (a is null or Undefined || b is null or Undefined)
        {
            return a is null or Undefined && b is null or Undefined;
        }

        return (a, b) switch
        {
            (JsonArray x, JsonArray y) => x.Count == y.Count && x.Select((item, i) => CommonEquals(item, y[i])).All(same => same),
            (JsonObject x, JsonObject y) => DeepEqualObjects(x, y),
            (double x, double y) => Math.Abs(x - y) < NumberEpsilon || x == y,
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (bool x, bool y) => x == y,
            _ => false,
        };
    }

    // lodash isEqual on plain JSON: same keys, values strictly and deeply equal.
    private static bool DeepEqualObjects(JsonObject x, JsonObject y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        foreach (var (key, value) in x)
        {
            if (!y.TryGetPropertyValue(key, out var other) || !StrictDeepEquals(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StrictDeepEquals(JsonNode? left, JsonNode? right)
    {
        var a = FromNode(left);
        var b = FromNode(right);
        return (a, b) switch
        {
            (null, null) => true,
            (JsonArray x, JsonArray y) => x.Count == y.Count && x.Select((item, i) => StrictDeepEquals(item, y[i])).All(same => same),
            (JsonObject x, JsonObject y) => DeepEqualObjects(x, y),
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
        JsonArray => "array",
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
