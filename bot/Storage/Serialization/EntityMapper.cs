using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;

namespace LearningBot.Storage.Serialization;

/// <summary>Writes any entity to the Table service's JSON; chosen by the entity's runtime type.</summary>
internal interface IEntityWriter
{
    void Write(Utf8JsonWriter writer, ITableEntity entity);
}

/// <summary>Reads one entity object (reader positioned on its StartObject).</summary>
internal interface IEntityReader<out T>
{
    T Read(ref Utf8JsonReader reader);
}

internal static class EntityWriters
{
    private static readonly ConcurrentDictionary<Type, IEntityWriter> Writers = new();

    public static IEntityWriter For(ITableEntity entity) => entity is TableEntity
        ? DynamicEntityCodec.Instance
        : Writers.GetOrAdd(entity.GetType(), static type =>
            (IEntityWriter)typeof(EntityMapper<>).MakeGenericType(type).GetField(nameof(EntityMapper<TableEntity>.Instance))!.GetValue(null)!);
}

internal static class EntityReaders<T>
    where T : class, ITableEntity
{
    public static readonly IEntityReader<T> Instance = typeof(T) == typeof(TableEntity)
        ? (IEntityReader<T>)(object)DynamicEntityCodec.Instance
        : EntityMapper<T>.Instance;
}

/// <summary>
/// Maps a record type to table properties with delegates bound once per type: no reflection, boxing or
/// property-name strings per entity. Public properties with a getter and a setter (init counts) are mapped,
/// except those marked <see cref="IgnoreDataMemberAttribute"/>.
/// </summary>
internal sealed class EntityMapper<T> : IEntityWriter, IEntityReader<T>
    where T : class, ITableEntity
{
    public static readonly EntityMapper<T> Instance = new();

    private static readonly byte[] ETagName = "odata.etag"u8.ToArray();

    private readonly Func<T> _create;
    private readonly Action<T, string>? _setPartitionKey;
    private readonly Action<T, string>? _setRowKey;
    private readonly Action<T, DateTimeOffset?>? _setTimestamp;
    private readonly Action<T, ETag>? _setETag;
    private readonly PropertyMap<T>[] _properties;

    private EntityMapper()
    {
        var type = typeof(T);
        var ctor = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"Table entity type {type.Name} needs a public parameterless constructor (a record with init properties).");
        _create = Expression.Lambda<Func<T>>(Expression.New(ctor)).Compile();

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.SetMethod is not null && p.GetIndexParameters().Length == 0)
            .Where(p => p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
            .ToList();

        _setPartitionKey = Setter<string>(properties, nameof(ITableEntity.PartitionKey));
        _setRowKey = Setter<string>(properties, nameof(ITableEntity.RowKey));
        _setTimestamp = Setter<DateTimeOffset?>(properties, nameof(ITableEntity.Timestamp));
        _setETag = Setter<ETag>(properties, nameof(ITableEntity.ETag));

        _properties = properties
            .Where(p => p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)))
            .Where(p => p.SetMethod!.IsPublic)
            .Select(CreateMap)
            .ToArray();

        if (_properties.Length > TableEntityRules.MaxProperties)
        {
            throw new InvalidOperationException($"Table entity type {type.Name} has {_properties.Length} properties; the Table service allows {TableEntityRules.MaxProperties}.");
        }
    }

    public void Write(Utf8JsonWriter writer, ITableEntity entity) => Write(writer, (T)entity);

    public void Write(Utf8JsonWriter writer, T entity)
    {
        TableEntityRules.ValidateKey(entity.PartitionKey, nameof(ITableEntity.PartitionKey));
        TableEntityRules.ValidateKey(entity.RowKey, nameof(ITableEntity.RowKey));
        var size = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2);

        writer.WriteStartObject();
        writer.WriteString(EdmType.PartitionKey, entity.PartitionKey);
        writer.WriteString(EdmType.RowKey, entity.RowKey);
        foreach (var property in _properties)
        {
            size += property.Write(writer, entity);
        }

        writer.WriteEndObject();
        if (size > TableEntityRules.MaxEntityBytes)
        {
            throw new ArgumentException(
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) of type {typeof(T).Name} is about {size} bytes; the Table service allows {TableEntityRules.MaxEntityBytes} (1 MiB).",
                nameof(entity));
        }
    }

    public T Read(ref Utf8JsonReader reader)
    {
        var entity = _create();
        var hint = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(EdmType.PartitionKey.EncodedUtf8Bytes))
            {
                reader.Read();
                _setPartitionKey?.Invoke(entity, reader.GetString()!);
            }
            else if (reader.ValueTextEquals(EdmType.RowKey.EncodedUtf8Bytes))
            {
                reader.Read();
                _setRowKey?.Invoke(entity, reader.GetString()!);
            }
            else if (reader.ValueTextEquals("Timestamp"u8))
            {
                reader.Read();
                _setTimestamp?.Invoke(entity, ValueCodecs.ReadDateTimeOffset(ref reader, TimestampNames));
            }
            else if (reader.ValueTextEquals(ETagName))
            {
                reader.Read();
                _setETag?.Invoke(entity, new ETag(reader.GetString()!));
            }
            else if (FindProperty(ref reader, ref hint) is { } property)
            {
                reader.Read();
                property.Read(ref reader, entity);
            }
            else
            {
                // Annotations, odata metadata and properties this type does not map.
                reader.Read();
                reader.Skip();
            }
        }

        return entity;
    }

    private static readonly PropertyNames TimestampNames = new("Timestamp");

    /// <summary>Properties usually come back in the order they were written, so look from the last match onward.</summary>
    private PropertyMap<T>? FindProperty(ref Utf8JsonReader reader, ref int hint)
    {
        var count = _properties.Length;
        for (var i = 0; i < count; i++)
        {
            var index = (hint + i) % count;
            if (reader.ValueTextEquals(_properties[index].Names.Utf8))
            {
                hint = index + 1;
                return _properties[index];
            }
        }

        return null;
    }

    private static Action<T, TValue>? Setter<TValue>(List<PropertyInfo> properties, string name)
    {
        var property = properties.Find(p => p.Name == name && p.PropertyType == typeof(TValue));
        return property?.SetMethod is { } setter ? setter.CreateDelegate<Action<T, TValue>>() : null;
    }

    private static PropertyMap<T> CreateMap(PropertyInfo property)
    {
        var codec = ValueCodecs.For(property.PropertyType)
            ?? throw new InvalidOperationException(
                $"Property {typeof(T).Name}.{property.Name} is a {property.PropertyType.Name}, which a table cannot store. " +
                "Use string, int, long, double, bool, DateTime, DateTimeOffset, Guid, byte[], an enum, or a nullable of these; or mark it [IgnoreDataMember].");
        var mapType = typeof(PropertyMap<,>).MakeGenericType(typeof(T), property.PropertyType);
        return (PropertyMap<T>)Activator.CreateInstance(mapType, property, codec)!;
    }
}

internal abstract class PropertyMap<T>
{
    protected PropertyMap(string name) => Names = new PropertyNames(name);

    public PropertyNames Names { get; }

    public abstract int Write(Utf8JsonWriter writer, T entity);

    public abstract void Read(ref Utf8JsonReader reader, T entity);
}

internal sealed class PropertyMap<T, TValue> : PropertyMap<T>
{
    private readonly Func<T, TValue> _get;
    private readonly Action<T, TValue> _set;
    private readonly ValueCodec<TValue> _codec;

    public PropertyMap(PropertyInfo property, ValueCodec<TValue> codec) : base(property.Name)
    {
        _get = property.GetMethod!.CreateDelegate<Func<T, TValue>>();
        _set = property.SetMethod!.CreateDelegate<Action<T, TValue>>();
        _codec = codec;
    }

    public override int Write(Utf8JsonWriter writer, T entity) => _codec.Write(writer, Names, _get(entity));

    public override void Read(ref Utf8JsonReader reader, T entity)
    {
        if (reader.TokenType != JsonTokenType.Null)
        {
            _set(entity, _codec.Read(ref reader, Names));
        }
    }
}
