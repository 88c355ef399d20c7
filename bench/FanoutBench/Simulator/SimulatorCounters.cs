using System.Collections.Concurrent;

namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>The simulator's running totals. Thread-safe.</summary>
internal sealed class SimulatorCounters
{
    private readonly ConcurrentDictionary<string, long> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _unexpected = new(StringComparer.Ordinal);
    private long _requests;
    private long _created;
    private long _refusedWithoutTeams;
    private long _throttledTenant;
    private long _throttledConversation;
    private long _throttledReplies;
    private long _injected503;
    private long _injectedResets;
    private long _progressUpdates;
    private volatile string? _lastProgressText;

    public void Request(string operation)
    {
        Interlocked.Increment(ref _requests);
        _operations.AddOrUpdate(operation, 1, (_, n) => n + 1);
    }

    public void Unexpected(string call) => _unexpected.AddOrUpdate(call, 1, (_, n) => n + 1);

    public void Created() => Interlocked.Increment(ref _created);

    public void RefusedWithoutTeams() => Interlocked.Increment(ref _refusedWithoutTeams);

    public void Throttled(bool byTenant, bool turnReply)
    {
        Interlocked.Increment(ref byTenant ? ref _throttledTenant : ref _throttledConversation);
        if (turnReply)
        {
            Interlocked.Increment(ref _throttledReplies);
        }
    }

    public void Injected503() => Interlocked.Increment(ref _injected503);

    public void InjectedReset() => Interlocked.Increment(ref _injectedResets);

    public void Progress(string? text, bool isUpdate)
    {
        if (isUpdate)
        {
            Interlocked.Increment(ref _progressUpdates);
        }

        _lastProgressText = text ?? _lastProgressText;
    }

    public SimulatorStats Snapshot(double sinceMark, LedgerCounts ledger, RatePeaks peaks) => new(
        sinceMark,
        Interlocked.Read(ref _requests),
        _operations.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        ledger.Delivered,
        ledger.Messages,
        ledger.Duplicates,
        ledger.DuplicatedConversations,
        ledger.FirstDeliverySeconds,
        ledger.LastNewRecipientSeconds,
        Interlocked.Read(ref _created),
        Interlocked.Read(ref _refusedWithoutTeams),
        Interlocked.Read(ref _throttledTenant) + Interlocked.Read(ref _throttledConversation),
        Interlocked.Read(ref _throttledTenant),
        Interlocked.Read(ref _throttledConversation),
        Interlocked.Read(ref _throttledReplies),
        Interlocked.Read(ref _injected503),
        Interlocked.Read(ref _injectedResets),
        peaks.FixedWindow,
        peaks.SlidingOffered,
        peaks.SlidingAccepted,
        Interlocked.Read(ref _progressUpdates),
        _lastProgressText,
        _unexpected.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
}
