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
/// (<see cref="InboundActivityClaims"/>), so a redelivery that reaches another instance is still processed once, and
/// the claim row, not this instance's memory, is what makes a run once. The memory only spares a redelivery to the
/// same instance the round trips, and is what is left when storage is unavailable.
/// <para>
/// A run is remembered for the claim row's retention (<see cref="InboundActivityClaims.Retention"/>), an invoke with its
/// response packed as the claim row holds it (<see cref="PackedInvokeResponse"/>, a kilobyte or two for a card), read
/// back only when a redelivery replays it. At most <see cref="DefaultCapacity"/> runs and about
/// <see cref="DefaultMaxBytes"/> of them are remembered: at either limit the oldest finished runs are forgotten first
/// (a redelivery of one of those goes to the claim row), and while every remembered run is still in flight a new
/// activity is processed without being remembered.
/// </para>
/// </remarks>
public sealed class ActivityDeduplicator
{
    public const int DefaultCapacity = 10_000;

    /// <summary>What the remembered runs may keep alive, responses, keys and bookkeeping together.</summary>
    public const long DefaultMaxBytes = 8L * 1024 * 1024;

    /// <summary>
    /// What a remembered run keeps alive besides its key's characters and its response's bytes: the dictionary's node,
    /// the key's two strings, the run, its completion and the packed response (measured on .NET 10, 64-bit).
    /// </summary>
    internal const int EntryOverheadBytes = 304;

    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<RunKey, Run> _runs = new();
    private readonly Lock _sweeping = new();
    private readonly TimeProvider _clock;
    private readonly InboundActivityClaims? _shared;
    private readonly int _capacity;
    private readonly long _maxBytes;
    private int _addsSinceSweep;
    private long _bytes;

    public ActivityDeduplicator(TimeProvider clock)
        : this(clock, DefaultCapacity)
    {
    }

    /// <summary>With the de-duplication shared between instances behind the in-memory one.</summary>
    public ActivityDeduplicator(TimeProvider clock, InboundActivityClaims shared)
        : this(clock, DefaultCapacity, shared: shared)
    {
    }

    internal ActivityDeduplicator(TimeProvider clock, int capacity, long maxBytes = DefaultMaxBytes, InboundActivityClaims? shared = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _clock = clock;
        _capacity = capacity;
        _maxBytes = maxBytes;
        _shared = shared;
    }

    /// <summary>How many runs are remembered now.</summary>
    internal int Remembered => _runs.Count;

    /// <summary>What the finished remembered runs keep alive, as counted against the limit.</summary>
    internal long RememberedBytes => Interlocked.Read(ref _bytes);

    public async Task<(InvokeResponse? Response, bool WasDuplicate)> ProcessOnceAsync(
        Activity activity, Func<Task<InvokeResponse?>> process)
    {
        if (string.IsNullOrEmpty(activity.Id) || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return (await process(), false);
        }

        var key = new RunKey(conversationId, activity.Id);
        var now = _clock.GetUtcNow();
        if (_runs.TryGetValue(key, out var run))
        {
            if (!run.HasExpired(now))
            {
                return (await run.ReplayAsync(), true);
            }

            Forget(new KeyValuePair<RunKey, Run>(key, run));
        }

        if (IsFull && !MakeRoom())
        {
            var unremembered = await ProcessSharedAsync(activity, process);
            return (unremembered.Response, unremembered.WasDuplicate);
        }

        var candidate = new Run(now + InboundActivityClaims.Retention);
        run = _runs.GetOrAdd(key, candidate);
        if (!ReferenceEquals(run, candidate))
        {
            return (await run.ReplayAsync(), true);
        }

        // The first run, in this method rather than one of its own: a turn's async frame fewer.
        SweepOccasionally();
        try
        {
            var outcome = await ProcessSharedAsync(activity, process);
            // The claim already packed an invoke's response for its row; packed here only when storage was not used.
            var packed = outcome.Packed ?? (activity.IsInvoke && outcome.Response is { } response ? PackedInvokeResponse.Pack(response) : null);
            var bytes = EntryOverheadBytes + key.CharBytes + (packed?.BodyGzip?.Length ?? 0);
            Interlocked.Add(ref _bytes, bytes);
            run.Finish(packed, bytes);
            return (outcome.Response, outcome.WasDuplicate);
        }
        catch (Exception exception)
        {
            Forget(new KeyValuePair<RunKey, Run>(key, run));
            run.Fail(exception);
            throw;
        }
    }

    private bool IsFull => _runs.Count >= _capacity || RememberedBytes >= _maxBytes;

    private Task<ClaimOutcome> ProcessSharedAsync(Activity activity, Func<Task<InvokeResponse?>> process) =>
        _shared is null ? ProcessHereAsync(process) : _shared.ProcessOnceAsync(activity, process);

    private static async Task<ClaimOutcome> ProcessHereAsync(Func<Task<InvokeResponse?>> process) =>
        new(await process(), false, null);

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
    /// At either limit: forgets expired runs, then the finished runs that expire soonest, down to three quarters of the
    /// capacity and of the bytes. False when there is still no room (every remembered run is in flight).
    /// </summary>
    private bool MakeRoom()
    {
        lock (_sweeping)
        {
            if (!IsFull)
            {
                return true;
            }

            ForgetExpired();
            var (targetCount, targetBytes) = (_capacity * 3 / 4, _maxBytes * 3 / 4);
            if (_runs.Count > targetCount || RememberedBytes > targetBytes)
            {
                var finished = _runs.Where(entry => entry.Value.IsFinished).OrderBy(entry => entry.Value.ExpiresAt).ToList();
                foreach (var entry in finished)
                {
                    if (_runs.Count <= targetCount && RememberedBytes <= targetBytes)
                    {
                        break;
                    }

                    Forget(entry);
                }
            }

            return !IsFull;
        }
    }

    private void ForgetExpired()
    {
        var now = _clock.GetUtcNow();
        foreach (var entry in _runs)
        {
            if (entry.Value.HasExpired(now))
            {
                Forget(entry);
            }
        }
    }

    private void Forget(KeyValuePair<RunKey, Run> entry)
    {
        if (_runs.TryRemove(entry))
        {
            Interlocked.Add(ref _bytes, -entry.Value.Bytes);
        }
    }

    /// <summary>
    /// A run's key: the activity's own conversation and activity id strings, so finding a run builds no key. It keeps the
    /// two strings alive, about what one joined string would.
    /// </summary>
    private readonly record struct RunKey(string ConversationId, string ActivityId)
    {
        public int CharBytes => (ConversationId.Length + ActivityId.Length) * sizeof(char);
    }

    private sealed class Run(DateTimeOffset expiresAt)
    {
        private readonly TaskCompletionSource<PackedInvokeResponse?> _completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public bool IsFinished => _completion.Task.IsCompleted;

        /// <summary>What the finished run is counted as keeping alive; set before it is seen to finish.</summary>
        public int Bytes { get; private set; }

        /// <summary>A run in flight never expires: its redeliveries must wait for it.</summary>
        public bool HasExpired(DateTimeOffset now) => ExpiresAt < now && IsFinished;

        public void Finish(PackedInvokeResponse? response, int bytes)
        {
            Bytes = bytes;
            _completion.SetResult(response);
        }

        public void Fail(Exception exception) => _completion.SetException(exception);

        /// <summary>The first run's response, read back for a redelivery (the first run's exception if it failed).</summary>
        public async Task<InvokeResponse?> ReplayAsync() => (await _completion.Task)?.Unpack();
    }
}
