namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>
/// The messages recipients' conversations received: a message is told apart from another by a hash of its content,
/// so the same message received twice in one conversation is a duplicate. Thread-safe.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, int>> _received = new(StringComparer.Ordinal);
    private long _messages;
    private long _duplicates;
    private TimeSpan? _firstDelivery;
    private TimeSpan? _lastNewRecipient;

    /// <summary>Records one message; true when it is the first message this conversation received.</summary>
    public bool Record(string conversationId, string contentHash, TimeSpan sinceMark)
    {
        lock (_gate)
        {
            _messages++;
            _firstDelivery ??= sinceMark;
            var isNewRecipient = !_received.TryGetValue(conversationId, out var contents);
            if (contents is null)
            {
                contents = new Dictionary<string, int>(1, StringComparer.Ordinal);
                _received[conversationId] = contents;
                _lastNewRecipient = sinceMark;
            }

            var times = contents.GetValueOrDefault(contentHash) + 1;
            contents[contentHash] = times;
            if (times > 1)
            {
                _duplicates++;
            }

            return isNewRecipient;
        }
    }

    public LedgerCounts Counts
    {
        get
        {
            lock (_gate)
            {
                var duplicated = _received.Values.Count(contents => contents.Values.Any(times => times > 1));
                return new LedgerCounts(_received.Count, _messages, _duplicates, duplicated, _firstDelivery?.TotalSeconds, _lastNewRecipient?.TotalSeconds);
            }
        }
    }

    /// <summary>Conversations that received at least one message.</summary>
    public IReadOnlyList<string> Recipients()
    {
        lock (_gate)
        {
            return [.. _received.Keys];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _received.Clear();
            _messages = 0;
            _duplicates = 0;
            _firstDelivery = null;
            _lastNewRecipient = null;
        }
    }
}
