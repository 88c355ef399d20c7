using LearningBot.Storage;

namespace LearningBot.Tests.Storage;

public sealed class BoundedCacheTests
{
    [Fact]
    public void Ten_times_its_capacity_in_different_keys_never_makes_it_hold_more_than_its_capacity()
    {
        using var cache = new BoundedCache<string>(capacity: 1_000);

        for (var i = 0; i < 10_000; i++)
        {
            cache.Set("key-" + i, "value-" + i);
            Assert.True(cache.Count <= cache.Capacity, $"{cache.Count} entries after {i + 1} keys");
        }

        Assert.InRange(cache.Count, 0, 1_000);
        Assert.True(cache.TryGet("key-9999", out var newest));
        Assert.Equal("value-9999", newest);
    }

    [Fact]
    public void When_full_it_forgets_the_least_recently_used_first()
    {
        using var cache = new BoundedCache<int>(capacity: 4);
        for (var i = 0; i < 4; i++)
        {
            cache.Set("key-" + i, i);
            Thread.Sleep(2); // distinct last-used times
        }

        Assert.True(cache.TryGet("key-0", out _));
        Thread.Sleep(2);
        cache.Set("key-4", 4);

        Assert.True(cache.TryGet("key-0", out _));
        Assert.False(cache.TryGet("key-1", out _));
        Assert.True(cache.TryGet("key-4", out _));
        Assert.InRange(cache.Count, 1, 4);
    }

    [Fact]
    public void Keeps_what_fits_and_forgets_on_request()
    {
        using var cache = new BoundedCache<(bool IsMember, DateTimeOffset Until)>(capacity: 10);

        cache.Set("a", (true, DateTimeOffset.UnixEpoch));
        cache.Set("a", (false, DateTimeOffset.UnixEpoch));
        cache.Set("b", (true, DateTimeOffset.UnixEpoch));

        Assert.True(cache.TryGet("a", out var a));
        Assert.False(a.IsMember);
        Assert.False(cache.TryGet("c", out _));
        cache.Remove("a");
        Assert.False(cache.TryGet("a", out _));
        cache.Clear();
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedCache<string>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedCache<string>(1, TimeSpan.Zero));
    }
}
