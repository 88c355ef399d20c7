using System.Text.Json;

namespace LearningBot.Storage.Serialization;

/// <summary>Reads and writes <see cref="TableEntity"/>, typing values from their OData annotations.</summary>
internal sealed class DynamicEntityCodec : IEntityWriter, IEntityReader<TableEntity>
{
    public static readonly DynamicEntityCodec Instance = new();

    private static readonly PropertyNames TimestampNames = new("Timestamp");

    public void Write(Utf8JsonWriter writer, ITableEntity entity)
    {
        var dynamic = (TableEntity)entity;
        TableEntityRules.ValidateKey(dynamic.PartitionKey, nameof(ITableEntity.PartitionKey));
        TableEntityRules.ValidateKey(dynamic.RowKey, nameof(ITableEntity.RowKey));
        if (dynamic.Count > TableEntityRules.MaxProperties)
        {
            throw new ArgumentException(
                $"Entity ({dynamic.PartitionKey}, {dynamic.RowKey}) has {dynamic.Count} properties; the Table service allows {TableEntityRules.MaxProperties}.",
                nameof(entity));
        }

        var size = 4 + ((dynamic.PartitionKey.Length + dynamic.RowKey.Length) * 2);
        writer.WriteStartObject();
        writer.WriteString(EdmType.PartitionKey, dynamic.PartitionKey);
        writer.WriteString(EdmType.RowKey, dynamic.RowKey);
        foreach (var (name, value) in dynamic)
        {
            TableEntityRules.ValidatePropertyName(name);
            size += WriteValue(writer, new PropertyNames(name), value);
        }

        writer.WriteEndObject();
        if (size > TableEntityRules.MaxEntityBytes)
        {
            throw new ArgumentException(
                $"Entity ({dynamic.PartitionKey}, {dynamic.RowKey}) is about {size} bytes; the Table service allows {TableEntityRules.MaxEntityBytes} (1 MiB).",
                nameof(entity));
        }
    }

    public TableEntity Read(ref Utf8JsonReader reader)
    {
        var entity = new TableEntity();
        var annotations = (Dictionary<string, string>?)null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "PartitionKey":
                    entity.PartitionKey = reader.GetString()!;
                    break;
                case "RowKey":
                    entity.RowKey = reader.GetString()!;
                    break;
                case "Timestamp":
                    entity.Timestamp = ValueCodecs.ReadDateTimeOffset(ref reader, TimestampNames);
                    break;
                case "odata.etag":
                    entity.ETag = new ETag(reader.GetString()!);
                    break;
                case var _ when name.EndsWith(EdmType.AnnotationSuffix, StringComparison.Ordinal):
                    (annotations ??= new(StringComparer.Ordinal))[name[..^EdmType.AnnotationSuffix.Length]] = reader.GetString()!;
                    break;
                case var _ when name.StartsWith("odata.", StringComparison.Ordinal):
                    reader.Skip();
                    break;
                default:
                    entity[name] = ReadValue(ref reader, new PropertyNames(name), annotations?.GetValueOrDefault(name));
                    break;
            }
        }

        return entity;
    }

    private static int WriteValue(Utf8JsonWriter writer, PropertyNames names, object? value) => value switch
    {
        null => 0,
        string text => Codec<string?>().Write(writer, names, text),
        int number => Codec<int>().Write(writer, names, number),
        long number => Codec<long>().Write(writer, names, number),
        double number => Codec<double>().Write(writer, names, number),
        bool flag => Codec<bool>().Write(writer, names, flag),
        DateTimeOffset date => Codec<DateTimeOffset>().Write(writer, names, date),
        DateTime date => Codec<DateTime>().Write(writer, names, date),
        Guid guid => Codec<Guid>().Write(writer, names, guid),
        byte[] bytes => Codec<byte[]?>().Write(writer, names, bytes),
        Enum member => Codec<string?>().Write(writer, names, member.ToString()),
        _ => throw new ArgumentException(
            $"Property '{names.Clr}' is a {value.GetType().Name}, which a table cannot store. Use string, int, long, double, bool, DateTimeOffset, DateTime, Guid or byte[].",
            names.Clr),
    };

    private static object? ReadValue(ref Utf8JsonReader reader, PropertyNames names, string? edmType) => (edmType, reader.TokenType) switch
    {
        (_, JsonTokenType.Null) => null,
        ("Edm.Int64", _) => Codec<long>().Read(ref reader, names),
        ("Edm.Double", _) => Codec<double>().Read(ref reader, names),
        ("Edm.DateTime", _) => ValueCodecs.ReadDateTimeOffset(ref reader, names),
        ("Edm.Guid", _) => Codec<Guid>().Read(ref reader, names),
        ("Edm.Binary", _) => Codec<byte[]?>().Read(ref reader, names),
        ("Edm.Int32", _) => Codec<int>().Read(ref reader, names),
        ("Edm.Boolean", _) or (_, JsonTokenType.True or JsonTokenType.False) => Codec<bool>().Read(ref reader, names),
        (_, JsonTokenType.Number) => reader.TryGetInt32(out var small) ? small : (object)reader.GetDouble(),
        _ => reader.GetString(),
    };

    private static ValueCodec<T> Codec<T>() => CodecCache<T>.Value;

    private static class CodecCache<T>
    {
        public static readonly ValueCodec<T> Value = (ValueCodec<T>)ValueCodecs.For(typeof(T))!;
    }
}
