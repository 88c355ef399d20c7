namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>
/// Teams' limits for one bot in one tenant: at most 50 requests in each fixed one-second window, and per conversation
/// the <see cref="RateRule.PerConversation"/> rules over sliding windows. A refused request does not use up the budget.
/// Also keeps the peak rate of any sliding one-second window, of requests offered and of requests let through.
/// </summary>
internal sealed class RateLimits(TimeProvider clock)
{
    private static readonly TimeSpan Longest = RateRule.PerConversation.Max(rule => rule.Window);
    private readonly Lock _gate = new();
    private readonly long _started = clock.GetTimestamp();
    private readonly Dictionary<string, List<TimeSpan>> _conversations = new(StringComparer.Ordinal);
    private readonly SlidingSecond _offered = new();
    private readonly SlidingSecond _accepted = new();
    private long _second = -1;
    private int _inSecond;
    private int _peakFixed;

    public RatePeaks Peaks
    {
        get
        {
            lock (_gate)
            {
                return new RatePeaks(_peakFixed, _offered.Peak, _accepted.Peak);
            }
        }
    }

    /// <summary>Counts one request (to <paramref name="conversationId"/>, if it is about one) and says whether it may go through.</summary>
    public Admission Admit(string? conversationId, bool enforce)
    {
        lock (_gate)
        {
            var now = clock.GetElapsedTime(_started);
            _offered.Add(now);
            var second = (long)Math.Floor(now.TotalSeconds);
            if (second != _second)
            {
                _second = second;
                _inSecond = 0;
            }

            if (enforce && _inSecond >= RateRule.PerTenantPerSecond)
            {
                return Admission.Refused(TimeSpan.FromSeconds(second + 1) - now, $"{RateRule.PerTenantPerSecond} per s per tenant");
            }

            var sent = conversationId is null ? null : SentTo(conversationId, now);
            if (enforce && sent is not null && FirstBroken(sent, now) is { } refusal)
            {
                return refusal;
            }

            _inSecond++;
            _peakFixed = Math.Max(_peakFixed, _inSecond);
            _accepted.Add(now);
            sent?.Add(now);
            return Admission.Allowed;
        }
    }

    public void ResetPeaks()
    {
        lock (_gate)
        {
            _peakFixed = 0;
            _offered.ResetPeak();
            _accepted.ResetPeak();
        }
    }

    private List<TimeSpan> SentTo(string conversationId, TimeSpan now)
    {
        if (!_conversations.TryGetValue(conversationId, out var sent))
        {
            sent = [];
            _conversations[conversationId] = sent;
        }

        var expired = 0;
        while (expired < sent.Count && sent[expired] <= now - Longest)
        {
            expired++;
        }

        sent.RemoveRange(0, expired);
        return sent;
    }

    /// <summary>The first per-conversation rule one more request would break, with the wait until it would not.</summary>
    private static Admission? FirstBroken(List<TimeSpan> sent, TimeSpan now)
    {
        foreach (var rule in RateRule.PerConversation)
        {
            if (sent.Count < rule.Limit)
            {
                continue;
            }

            // The window holds Limit requests once the Limit-th most recent one is inside it; room returns when it leaves.
            var leaves = sent[^rule.Limit] + rule.Window;
            if (leaves > now)
            {
                return Admission.Refused(leaves - now, $"{rule} per conversation");
            }
        }

        return null;
    }
}
