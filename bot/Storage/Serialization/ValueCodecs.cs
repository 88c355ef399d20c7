using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace LearningBot.Storage.Serialization;

/// <summary>Writes one CLR value as a Table property (with its type annotation) and reads it back.</summary>
internal abstract class ValueCodec<T>
{
    /// <summary>Writes the property, or nothing for null; returns its size by the service's entity-size formula (0 if skipped).</summary>
    public abstract int Write(Utf8JsonWriter writer, PropertyNames names, T value);

    public abstract T Read(ref Utf8JsonReader reader, PropertyNames names);
}

internal static class ValueCodecs
{
    private static readonly Dictionary<Type, object> Codecs = new()
    {
        [typeof(string)] = new StringCodec(),
        [typeof(int)] = new Int32Codec(),
        [typeof(long)] = new Int64Codec(),
        [typeof(double)] = new DoubleCodec(),
        [typeof(bool)] = new BooleanCodec(),
        [typeof(DateTime)] = new DateTimeCodec(),
        [typeof(DateTimeOffset)] = new DateTimeOffsetCodec(),
        [typeof(Guid)] = new GuidCodec(),
        [typeof(byte[])] = new BinaryCodec(),
    };

    /// <summary>The codec for a property type, or null when the type cannot be stored in a table.</summary>
    public static object? For(Type type)
    {
        if (Codecs.TryGetValue(type, out var codec))
        {
            return codec;
        }

        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            var inner = For(underlying);
            return inner is null ? null : Activator.CreateInstance(typeof(NullableCodec<>).MakeGenericType(underlying), inner);
        }

        return type.IsEnum ? Activator.CreateInstance(typeof(EnumCodec<>).MakeGenericType(type)) : null;
    }

    internal static int PropertyOverhead(PropertyNames names) => 8 + (names.Clr.Length * 2);

    internal static void WriteDateTime(Utf8JsonWriter writer, PropertyNames names, DateTime utc)
    {
        if (utc < TableEntityRules.MinDateTime)
        {
            throw new ArgumentOutOfRangeException(names.Clr, utc,
                $"Property '{names.Clr}' is {utc:O}; the Table service stores dates from {TableEntityRules.MinDateTime:O} onwards. " +
                "A date that may be unset should be a nullable DateTime? or DateTimeOffset?.");
        }

        Span<byte> text = stackalloc byte[40];
        Utf8Formatter.TryFormat(utc, text, out var written, new StandardFormat('O'));
        writer.WriteString(names.Annotation, EdmType.DateTime);
        writer.WriteString(names.Json, text[..written]);
    }

    internal static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader, PropertyNames names)
    {
        if (reader.TryGetDateTimeOffset(out var value))
        {
            return value.ToUniversalTime();
        }

        var text = reader.GetString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            ? value.ToUniversalTime()
            : throw Unreadable(names, "a date", text);
    }

    internal static InvalidDataException Unreadable(PropertyNames names, string expected, string? text) =>
        new($"Table property '{names.Clr}' should hold {expected} but holds '{text}'.");

    private sealed class StringCodec : ValueCodec<string?>
    {
        public override int Write(Utf8JsonWriter writer, PropertyNames names, string? value)
        {
            if (value is null)
            {
                return 0;
            }

            if (value.Length > TableEntityRules.MaxStringChars)
            {
                throw new ArgumentException(
                    $"Property '{names.Clr}' is {value.Length} characters; a string property holds at most {TableEntityRules.MaxStringChars} (64 KiB).",
                    names.Clr);
            }

            writer.WriteString(names.Json, value);
            return PropertyOverhead(names) + 4 + (value.Length * 2);
        }

        public override string? Read(ref Utf8JsonReader reader, PropertyNames names) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        };
    }

    private sealed class Int32Codec : ValueCodec<int>
    {
        public override int Write(Utf8JsonWriter writer, PropertyNames names, int value)
        {
            writer.WriteNumber(names.Json, value);
            return PropertyOverhead(names) + 4;
        }

        public override int Read(ref Utf8JsonReader reader, PropertyNames names) =>
            reader.TokenType == JsonTokenType.Number ? reader.GetInt32()
            : Utf8Parser.TryParse(reader.ValueSpan, out int value, out _) ? value
            : throw Unreadable(names, "an Int32", reader.GetString());
    }

    private sealed class Int64Codec : ValueCodec<long>
    {
        public override int Write(Utf8JsonWriter writer, PropertyNames names, long value)
        {
            Span<byte> text = stackalloc byte[20];
            Utf8Formatter.TryFormat(value, text, out var written);
            writer.WriteString(names.Annotation, EdmType.Int64);
            writer.WriteString(names.Json, text[..written]);
            return PropertyOverhead(names) + 8;
        }

        public override long Read(ref Utf8JsonReader reader, PropertyNames names) =>
            reader.TokenType == JsonTokenType.Number ? reader.GetInt64()
            : !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out long value, out var used) && used == reader.ValueSpan.Length ? value
            : long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value) ? value
            : throw Unreadable(names, "an Int64", reader.GetString());
    }

    private sealed class DoubleCodec : ValueCodec<double>
    {
        public override int Write(Utf8JsonWriter writer, PropertyNames names, double value)
        {
            // Always annotated: without it a whole number like 2.0 would be stored as Edm.Int32.
            writer.WriteString(names.Annotation, EdmType.Double);
            if (double.IsFinite(value))
            {
                writer.WriteNumber(names.Json, value);
            }
            else
            {
                writer.WriteString(names.Json, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            }

            return PropertyOverhead(names) + 8;
        }

        public override double Read(ref Utf8JsonReader reader, PropertyNames names)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return reader.GetDouble();
            }

            var text = reader.GetString();
            return text switch
            {
                "NaN" => double.NaN,
                "Infinity" or "INF" => double.PositiveInfinity,
                "-Infinity" or "-INF" => double.NegativeInfinity,
                _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Unreadable(names, "a Double", text),
            };
        }
    }

    private sealed class BooleanCodec : ValueCodec<bool>
    {
        public override int Write(Utf8JsonWriter writer, PropertyNames names, bool value)
        {
            writer.WriteBoolean(names.Json, value);
            return PropertyOverhead(names) + 1;
        }

        public override bool Read(ref Utf8JsonReader reader, PropertyNames names) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => bool.TryParse(reader.GetString(), out var value) ? value : throw Unreadable(names, "a Boolean", reader.GetString()),
        };
    }

    private sealed class DateTimeCodec : ValueCodec<DateTime>
    {
        /// <summary>Stored as UTC; an Unspecified kind is taken to be UTC already, a Local one is converted.</summary>
        public override int Write(Utf8JsonWriter writer, PropertyNames names, DateTime value)
        {
            var utc = value.Kind switch
            {
                DateTimeKind.Local => value.ToUniversalTime(),
                DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
                _ => value,
            };
            WriteDateTime(writer, names, utc);
            return PropertyOverhead(names) + 8;
        }

        public override DateTime Read(ref Utf8JsonReader reader, PropertyNames names) => ReadDateTimeOffset(ref reader, names).UtcDateTime;
    }

    private sealed class DateTimeOffsetCodec : ValueCodec<DateTimeOffset>
    {
        public override int Write(Utf8JsonWriter writer, PropertyNames names, DateTimeOffset value)
        {
            WriteDateTime(writer, names, value.UtcDateTime);
            return PropertyOverhead(names) + 8;
        }

        public override DateTimeOffset Read(ref Utf8JsonReader reader, PropertyNames names) => ReadDateTimeOffset(ref reader, names);
    }

    private sealed class GuidCodec : ValueCodec<Guid>
    {
        public override int Write(Utf8JsonWriter writer, PropertyNames names, Guid value)
        {
            writer.WriteString(names.Annotation, EdmType.Guid);
            writer.WriteString(names.Json, value);
            return PropertyOverhead(names) + 16;
        }

        public override Guid Read(ref Utf8JsonReader reader, PropertyNames names) =>
            reader.TryGetGuid(out var value) ? value
            : Guid.TryParse(reader.GetString(), out value) ? value
            : throw Unreadable(names, "a Guid", reader.GetString());
    }

    private sealed class BinaryCodec : ValueCodec<byte[]?>
    {
        public override int Write(Utf8JsonWriter writer, PropertyNames names, byte[]? value)
        {
            if (value is null)
            {
                return 0;
            }

            if (value.Length > TableEntityRules.MaxBinaryBytes)
            {
                throw new ArgumentException(
                    $"Property '{names.Clr}' is {value.Length} bytes; a binary property holds at most {TableEntityRules.MaxBinaryBytes} (64 KiB).",
                    names.Clr);
            }

            writer.WriteString(names.Annotation, EdmType.Binary);
            writer.WriteBase64String(names.Json, value);
            return PropertyOverhead(names) + 4 + value.Length;
        }

        public override byte[]? Read(ref Utf8JsonReader reader, PropertyNames names) =>
            reader.TokenType == JsonTokenType.Null ? null
            : reader.ValueSpan.IsEmpty ? []
            : reader.TryGetBytesFromBase64(out var bytes) ? bytes
            : throw Unreadable(names, "base64 binary", reader.GetString());
    }

    private sealed class NullableCodec<T> : ValueCodec<T?>
        where T : struct
    {
        private readonly ValueCodec<T> _inner;

        public NullableCodec(ValueCodec<T> inner) => _inner = inner;

        public override int Write(Utf8JsonWriter writer, PropertyNames names, T? value) =>
            value.HasValue ? _inner.Write(writer, names, value.GetValueOrDefault()) : 0;

        public override T? Read(ref Utf8JsonReader reader, PropertyNames names) =>
            reader.TokenType == JsonTokenType.Null ? null : _inner.Read(ref reader, names);
    }

    /// <summary>Enums are stored by name, so reordering or renumbering members does not corrupt stored rows.</summary>
    private sealed class EnumCodec<T> : ValueCodec<T>
        where T : struct, Enum
    {
        private readonly Dictionary<T, string> _names = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => v.ToString());

        public override int Write(Utf8JsonWriter writer, PropertyNames names, T value)
        {
            var text = _names.TryGetValue(value, out var name) ? name : value.ToString();
            writer.WriteString(names.Json, text);
            return PropertyOverhead(names) + 4 + (text.Length * 2);
        }

        public override T Read(ref Utf8JsonReader reader, PropertyNames names)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return (T)Enum.ToObject(typeof(T), reader.GetInt64());
            }

            var text = reader.GetString();
            return Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value : throw Unreadable(names, $"a {typeof(T).Name}", text);
        }
    }
}
