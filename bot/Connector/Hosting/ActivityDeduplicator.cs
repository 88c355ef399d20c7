using System.Collections.Concurrent;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Teams redelivers an activity (same id) when the bot is slow to answer. Each (conversation, activity id)
/// is processed once; a redelivery waits for the first run and gets the same invoke response.
/// A run that throws is forgotten so a redelivery can try again.
/// </summary>
/// <remarks>
/// In memory first, then shared: the first run on this instance claims the activity in table storage
/// (<see cref="InboundActivityClaims"/>), so a redelivery that reaches another instance is still processed once. A run is
/// remembered for 15 minutes, and at most <see cref="DefaultCapacity"/> runs are: when that many arrive within the
/// 15 minutes, the oldest finished runs are forgotten first (a redelivery of one of those runs again), and while every
/// remembered run is still in flight a new activity is processed without being remembered.
/// </remarks>
public sealed class ActivityDeduplicator
{
    public const int DefaultCapacity = 10_000;

    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly Lock _sweeping = new();
    private readonly TimeProvider _clock;
    private readonly InboundActivityClaims? _shared;
    private readonly int _capacity;
    private int _addsSinceSweep;

    public ActivityDeduplicator(TimeProvider clock)
        : this(clock, DefaultCapacity)
    {
    }

    /// <summary>With the de-duplication shared between instances behind the in-memory one.</summary>
    public ActivityDeduplicator(TimeProvider clock, InboundActivityClaims shared)
        : this(clock, DefaultCapacity, shared)
    {
    }

    internal ActivityDeduplicator(TimeProvider clock, int capacity, InboundActivityClaims? shared = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _clock = clock;
        _capacity = capacity;
        _shared = shared;
    }

    /// <summary>How many runs are remembered now.</summary>
    internal int Remembered => _runs.Count;

    public async Task<(InvokeResponse? Response, bool WasDuplicate)> ProcessOnceAsync(
        Activity activity, Func<Task<InvokeResponse?>> process)
    {
        if (string.IsNullOrEmpty(activity.Id) || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return (await process(), false);
        }

        var key = string.Concat(conversationId, "\n", activity.Id);
        if (!_runs.TryGetValue(key, out var run))
        {
            if (_runs.Count >= _capacity && !MakeRoom())
            {
                return await ProcessSharedAsync(activity, process);
            }

            var candidate = new Run(_clock.GetUtcNow() + Retention);
            run = _runs.GetOrAdd(key, candidate);
            if (ReferenceEquals(run, candidate))
            {
                SweepOccasionally();
                return await RunAsync(key, run, activity, process);
            }
        }

        return (await run.Completion.Task, true);
    }

    private async Task<(InvokeResponse? Response, bool WasDuplicate)> RunAsync(
        string key, Run run, Activity activity, Func<Task<InvokeResponse?>> process)
    {
        try
        {
            var outcome = await ProcessSharedAsync(activity, process);
            run.Completion.SetResult(outcome.Response);
            return outcome;
        }
        catch (Exception exception)
        {
            _runs.TryRemove(new KeyValuePair<string, Run>(key, run));
            run.Completion.SetException(exception);
            throw;
        }
    }

    private Task<(InvokeResponse? Response, bool WasDuplicate)> ProcessSharedAsync(
        Activity activity, Func<Task<InvokeResponse?>> process) =>
        _shared is null ? ProcessHereAsync(process) : _shared.ProcessOnceAsync(activity, process);

    private static async Task<(InvokeResponse? Response, bool WasDuplicate)> ProcessHereAsync(Func<Task<InvokeResponse?>> process) =>
        (await process(), false);

    private void SweepOccasionally()
    {
        if (Interlocked.Increment(ref _addsSinceSweep) % SweepEvery == 0)
        {
            lock (_sweeping)
            {
                ForgetExpired();
            }
        }
    }

    /// <summary>
    /// At capacity: forgets expired runs, then the finished runs that expire soonest, down to three quarters of the
    /// capacity. False when there is still no room (every remembered run is in flight).
    /// </summary>
    private bool MakeRoom()
    {
        lock (_sweeping)
        {
            if (_runs.Count < _capacity)
            {
                return true;
            }

            ForgetExpired();
            var target = _capacity * 3 / 4;
            if (_runs.Count > target)
            {
                var finished = _runs.Where(entry => entry.Value.Completion.Task.IsCompleted).OrderBy(entry => entry.Value.ExpiresAt).ToList();
                foreach (var entry in finished.Take(_runs.Count - target))
                {
                    _runs.TryRemove(entry);
                }
            }

            return _runs.Count < _capacity;
        }
    }

    private void ForgetExpired()
    {
        var now = _clock.GetUtcNow();
        foreach (var entry in _runs)
        {
            if (entry.Value.ExpiresAt < now && entry.Value.Completion.Task.IsCompleted)
            {
                _runs.TryRemove(entry);
            }
        }
    }

    private sealed class Run(DateTimeOffset expiresAt)
    {
        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public TaskCompletionSource<InvokeResponse?> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
