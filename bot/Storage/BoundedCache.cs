using Microsoft.Extensions.Caching.Memory;

namespace LearningBot.Storage;

/// <summary>
/// What the process remembers per conversation, person or key to save work (a write it need not repeat, an answer it
/// need not ask for again), never more than <see cref="Capacity"/> entries however many keys it meets. Built on
/// <see cref="MemoryCache"/> with a size limit of <see cref="Capacity"/>, each entry counting one: when it is full, the
/// expired and then the least recently used quarter of the entries are dropped before a new one is set (and should
/// writers race past that, the size limit turns the extra entries away). Forgetting only ever costs the work an entry
/// saved, so nothing may depend on an entry still being there.
/// </summary>
public sealed class BoundedCache<TValue> : IDisposable
{
    private const double DroppedWhenFull = 0.25;

    private readonly MemoryCache _entries;
    private readonly TimeSpan? _timeToLive;

    /// <param name="capacity">The most entries held at once.</param>
    /// <param name="timeToLive">When set, an entry is forgotten this long after it was set (by the system clock).</param>
    public BoundedCache(int capacity, TimeSpan? timeToLive = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (timeToLive is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(timeToLive));
        }

        Capacity = capacity;
        _timeToLive = timeToLive;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = DroppedWhenFull });
    }

    public int Capacity { get; }

    /// <summary>How many entries are held now; never more than <see cref="Capacity"/>.</summary>
    public int Count => _entries.Count;

    public bool TryGet(string key, out TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_entries.TryGetValue(key, out var found))
        {
            value = (TValue)found!;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_entries.Count >= Capacity && !_entries.TryGetValue(key, out _))
        {
            _entries.Compact(DroppedWhenFull);
        }

        _entries.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _timeToLive });
    }

    public void Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _entries.Remove(key);
    }

    public void Clear() => _entries.Clear();

    public void Dispose() => _entries.Dispose();
}
