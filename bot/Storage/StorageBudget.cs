namespace LearningBot.Storage;

/// <summary>
/// How long the storage calls made inside a scope may take together: a turn opens one
/// (<c>Storage:TurnBudget</c>) so that, however many calls it makes, a storage outage surfaces within a few seconds
/// instead of once per call. <see cref="StorageRetryPolicy"/> shortens each attempt to what is left, stops retrying when
/// nothing is left, and fails a call at once when the budget is already spent. Work outside a scope (background jobs)
/// has only the per-attempt limits.
/// </summary>
/// <remarks>
/// The budget travels with the async flow (an <see cref="AsyncLocal{T}"/>), so it reaches every store a turn calls without
/// a parameter. Calls that overlap are each charged in full, which only makes a turn give up sooner.
/// </remarks>
public sealed class StorageBudget
{
    private static readonly AsyncLocal<StorageBudget?> Ambient = new();

    private readonly long _limitTicks;
    private long _spentTicks;

    private StorageBudget(TimeSpan limit) => _limitTicks = limit.Ticks;

    /// <summary>The budget of the current scope, or null outside any.</summary>
    public static StorageBudget? Current => Ambient.Value;

    public TimeSpan Limit => TimeSpan.FromTicks(_limitTicks);

    public TimeSpan Spent => TimeSpan.FromTicks(Interlocked.Read(ref _spentTicks));

    public TimeSpan Remaining => TimeSpan.FromTicks(Math.Max(0, _limitTicks - Interlocked.Read(ref _spentTicks)));

    /// <summary>Starts a scope in which storage calls may take <paramref name="limit"/> together; disposing it ends the scope.</summary>
    public static Scope Begin(TimeSpan limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        var previous = Ambient.Value;
        Ambient.Value = new StorageBudget(limit);
        return new Scope(previous);
    }

    /// <summary>
    /// Waits for storage work someone else started (a table being created, the people seed) for at most what is left
    /// of the current budget, and charges the wait to it; without a budget, waits as long as it takes. Running out of
    /// budget is a <see cref="TimeoutException"/>, which <see cref="TableErrors.IsStorageFailure"/> counts.
    /// </summary>
    public static async Task WaitAsync(Task shared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shared);
        if (Current is not { } budget || shared.IsCompleted)
        {
            await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var left = budget.Remaining;
        if (left < StorageRetryPolicy.ShortestAttempt)
        {
            throw new TimeoutException($"The turn has spent its {budget.Limit.TotalSeconds:0.#} s of storage time.");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await shared.WaitAsync(left, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            budget.Spend(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    internal void Spend(TimeSpan elapsed) => Interlocked.Add(ref _spentTicks, Math.Max(0, elapsed.Ticks));

    /// <summary>Ends a budget's scope: the budget that was current before it is current again.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly StorageBudget? _previous;

        internal Scope(StorageBudget? previous) => _previous = previous;

        public void Dispose() => Ambient.Value = _previous;
    }
}
