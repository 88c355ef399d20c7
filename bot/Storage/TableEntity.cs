using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace LearningBot.Storage;

/// <summary>
/// An entity with properties in a dictionary, for the rare code that does not know the shape ahead of time.
/// Values are string, int, long, double, bool, DateTimeOffset (DateTime is accepted on write), Guid or byte[].
/// </summary>
public sealed class TableEntity : ITableEntity, IDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity()
    {
        PartitionKey = string.Empty;
        RowKey = string.Empty;
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; set; }

    public string RowKey { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Count => _properties.Count;

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object?> Values => _properties.Values;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    public object? this[string key]
    {
        get => _properties[key];
        set => _properties[key] = value;
    }

    public string? GetString(string key) => Get<string>(key);

    public int? GetInt32(string key) => Get<int?>(key);

    public long? GetInt64(string key) => _properties.GetValueOrDefault(key) switch
    {
        long value => value,
        int value => value,
        _ => null,
    };

    public double? GetDouble(string key) => _properties.GetValueOrDefault(key) switch
    {
        double value => value,
        int value => value,
        _ => null,
    };

    public bool? GetBoolean(string key) => Get<bool?>(key);

    public DateTimeOffset? GetDateTimeOffset(string key) => _properties.GetValueOrDefault(key) switch
    {
        DateTimeOffset value => value,
        DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, value.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)),
        _ => null,
    };

    public Guid? GetGuid(string key) => Get<Guid?>(key);

    public byte[]? GetBinary(string key) => Get<byte[]>(key);

    public void Add(string key, object? value) => _properties.Add(key, value);

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    public bool Remove(string key) => _properties.Remove(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    public void Clear() => _properties.Clear();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    private TValue? Get<TValue>(string key) => _properties.GetValueOrDefault(key) is TValue value ? value : default;
}
