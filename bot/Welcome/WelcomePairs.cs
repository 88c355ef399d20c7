using LearningBot.Storage;

namespace LearningBot.Welcome;

/// <summary>
/// One install makes Teams send both an installationUpdate and a conversationUpdate (bot added), in either order.
/// The second of such a pair is quiet; a repeat of the same event (a reinstall) welcomes again. Remembers the last
/// welcome of at most <see cref="Capacity"/> conversations: one forgotten early only risks a second welcome card.
/// </summary>
public sealed class WelcomePairs(TimeProvider clock, int capacity = WelcomePairs.DefaultCapacity) : IDisposable
{
    public const int DefaultCapacity = 10_000;

    private static readonly TimeSpan PairWindow = TimeSpan.FromMinutes(1);

    private readonly BoundedCache<Welcomed> _lastWelcome = new(capacity, PairWindow * 2);
    private readonly Lock _gate = new();

    public int Capacity => _lastWelcome.Capacity;

    /// <summary>Conversations remembered now.</summary>
    public int Count => _lastWelcome.Count;

    /// <summary>True when this event should welcome: it is not the second half of a pair that already welcomed.</summary>
    public bool ShouldWelcome(string conversationId, string eventType)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(eventType);
        var now = new Welcomed(clock.GetUtcNow(), eventType);
        lock (_gate)
        {
            if (_lastWelcome.TryGet(conversationId, out var last) && last.Pairs(now))
            {
                return false;
            }

            _lastWelcome.Set(conversationId, now);
            return true;
        }
    }

    public void Dispose() => _lastWelcome.Dispose();

    private sealed record Welcomed(DateTimeOffset At, string EventType)
    {
        public bool Pairs(Welcomed next) =>
            !string.Equals(EventType, next.EventType, StringComparison.OrdinalIgnoreCase) && next.At - At < PairWindow;
    }
}
