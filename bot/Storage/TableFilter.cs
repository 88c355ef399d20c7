using System.Globalization;
using System.Text;

namespace LearningBot.Storage;

/// <summary>Builds OData <c>$filter</c> text with every interpolated value turned into a correctly typed, escaped literal.</summary>
public static class TableFilter
{
    /// <summary>
    /// <c>TableFilter.Create($"PartitionKey eq {pk} and Score gt {minScore}")</c>: strings are quoted with quotes doubled,
    /// Guid → guid'…', DateTime(Offset) → datetime'…', long → …L, byte[] → X'…', bool → true/false, enums → their name.
    /// A value can never end its literal early, so user text cannot change the filter's meaning.
    /// </summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments();
        var literals = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            literals[i] = Literal(arguments[i]);
        }

        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>One value as an OData literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("A table filter cannot compare with null; leave the condition out instead.", nameof(value)),
        string text => Quote(text),
        char c => Quote(c.ToString()),
        bool flag => flag ? "true" : "false",
        int or short or byte or sbyte or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        long or uint or ulong => $"{Convert.ToString(value, CultureInfo.InvariantCulture)}L",
        double number => DoubleLiteral(number),
        float number => DoubleLiteral(number),
        decimal number => DoubleLiteral((double)number),
        DateTimeOffset date => $"datetime'{date.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}'",
        DateTime date => $"datetime'{(date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date):yyyy-MM-ddTHH:mm:ss.fffffffZ}'",
        Guid guid => $"guid'{guid:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        Enum member => Quote(member.ToString()),
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be used in a table filter.", nameof(value)),
    };

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('\'');
        foreach (var c in text)
        {
            builder.Append(c);
            if (c == '\'')
            {
                builder.Append('\'');
            }
        }

        return builder.Append('\'').ToString();
    }

    private static string DoubleLiteral(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new ArgumentException("A table filter cannot compare with NaN or infinity.", nameof(number));
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".E") >= 0 ? text : text + ".0";
    }
}
