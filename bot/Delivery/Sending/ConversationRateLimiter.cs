namespace LearningBot.Delivery.Sending;

/// <summary>
/// Teams' per-conversation limits (7 a second, 8 in 2 s, 60 in 30 s, 1,800 an hour) as sliding windows over the sends
/// this process made to each conversation, plus any block a 429 asked for.
/// </summary>
/// <remarks>
/// This is deliberately per process, unlike the tenant budget: a delivery sends to each conversation once, so the windows
/// matter only for the few conversations that get many messages (a channel, one person's stream of notifications), and
/// those are sent by whichever instance holds the work. Should two instances ever burst to one conversation together,
/// Teams answers 429 with Retry-After, the item is requeued with that delay and <see cref="Block"/> keeps this process
/// away from the conversation until then: a rare extra round trip, not a storage write for every send.
/// <para>
/// Memory is bounded: a conversation is forgotten once its newest send has left the longest window and no block is
/// pending, which loses nothing. Only when more than <see cref="SendBudgetOptions.MaxTrackedConversations"/> conversations
/// are still within the hour are the least recently used quarter dropped (forgetting can then let a burst through, which
/// the 429 path catches). <see cref="Storage.BoundedCache{TValue}"/> is not used because its entries expire by the system
/// clock rather than by these windows, and because exact limits depend on an entry still being there.
/// </para>
/// </remarks>
public sealed class ConversationRateLimiter(SendBudgetOptions options, TimeProvider time)
{
    private readonly IReadOnlyList<ConversationLimit> _limits = options.ConversationLimits();
    private readonly TimeSpan _longestWindow = options.ConversationLimits().Max(limit => limit.Window);
    private readonly Dictionary<string, ConversationWindow> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many conversations are remembered now.</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _conversations.Count;
            }
        }
    }

    /// <summary>How long until one more message may go to <paramref name="conversationId"/> (zero: now). Records nothing.</summary>
    public TimeSpan TimeUntilFree(string conversationId)
    {
        lock (_gate)
        {
            return _conversations.TryGetValue(conversationId, out var window) ? Wait(window, time.GetUtcNow()) : TimeSpan.Zero;
        }
    }

    /// <summary>Records a send to <paramref name="conversationId"/> now if every limit allows it; otherwise records nothing and returns the wait.</summary>
    public TimeSpan TryAcquire(string conversationId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_conversations.TryGetValue(conversationId, out var window))
            {
                MakeRoom(now);
                window = new ConversationWindow();
                _conversations[conversationId] = window;
            }

            var wait = Wait(window, now);
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            window.Sends.Add(now);
            window.LastUsed = now;
            return TimeSpan.Zero;
        }
    }

    /// <summary>Nothing more goes to <paramref name="conversationId"/> before <paramref name="until"/>.</summary>
    public void Block(string conversationId, DateTimeOffset until)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_conversations.TryGetValue(conversationId, out var window))
            {
                MakeRoom(now);
                window = new ConversationWindow();
                _conversations[conversationId] = window;
            }

            window.BlockedUntil = until > window.BlockedUntil ? until : window.BlockedUntil;
            window.LastUsed = now;
        }
    }

    private TimeSpan Wait(ConversationWindow window, DateTimeOffset now)
    {
        window.Forget(now - _longestWindow);
        var free = window.BlockedUntil;
        var sends = window.Sends;
        foreach (var limit in _limits)
        {
            // With c sends allowed in any window w, the next may go once the c-th most recent has left the window.
            if (sends.Count >= limit.Count && sends[^limit.Count] + limit.Window is var leaves && leaves > free)
            {
                free = leaves;
            }
        }

        return free > now ? free - now : TimeSpan.Zero;
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_conversations.Count < options.MaxTrackedConversations)
        {
            return;
        }

        foreach (var (id, window) in _conversations.ToList())
        {
            if (window.IsIdle(now - _longestWindow, now))
            {
                _conversations.Remove(id);
            }
        }

        if (_conversations.Count >= options.MaxTrackedConversations)
        {
            foreach (var (id, _) in _conversations.OrderBy(entry => entry.Value.LastUsed).Take(Math.Max(1, _conversations.Count / 4)).ToList())
            {
                _conversations.Remove(id);
            }
        }
    }

    private sealed class ConversationWindow
    {
        public List<DateTimeOffset> Sends { get; } = [];

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset LastUsed { get; set; }

        public void Forget(DateTimeOffset before)
        {
            var old = 0;
            while (old < Sends.Count && Sends[old] <= before)
            {
                old++;
            }

            Sends.RemoveRange(0, old);
        }

        public bool IsIdle(DateTimeOffset windowStart, DateTimeOffset now) =>
            BlockedUntil <= now && (Sends.Count == 0 || Sends[^1] <= windowStart);
    }
}
