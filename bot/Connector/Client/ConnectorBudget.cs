namespace LearningBot.Connector.Client;

/// <summary>
/// How long the Bot Connector calls made inside a scope may take together: a turn opens one
/// (<c>ConnectorClient:TurnBudget</c>) so that a connector that stops answering costs a turn a few seconds in all, not
/// <c>ConnectorClient:RequestTimeout</c> per call. <see cref="ConnectorClient"/> shortens each attempt to what is left,
/// waits before a retry only if the wait fits, and fails a call at once (a <see cref="ConnectorException"/> with code
/// <c>Timeout</c>) when the budget is spent. Background work (the outbox) runs outside any scope.
/// </summary>
/// <remarks>The budget travels with the async flow, so proactive sends made during a turn count too.</remarks>
public sealed class ConnectorBudget
{
    /// <summary>With less left than this, a call is not started.</summary>
    public static readonly TimeSpan ShortestAttempt = TimeSpan.FromMilliseconds(100);

    private static readonly AsyncLocal<ConnectorBudget?> Ambient = new();

    private readonly long _limitTicks;
    private long _spentTicks;

    private ConnectorBudget(TimeSpan limit) => _limitTicks = limit.Ticks;

    /// <summary>The budget of the current scope, or null outside any.</summary>
    public static ConnectorBudget? Current => Ambient.Value;

    public TimeSpan Limit => TimeSpan.FromTicks(_limitTicks);

    public TimeSpan Remaining => TimeSpan.FromTicks(Math.Max(0, _limitTicks - Interlocked.Read(ref _spentTicks)));

    public bool IsSpent => Remaining < ShortestAttempt;

    /// <summary>Starts a scope in which connector calls may take <paramref name="limit"/> together; disposing it ends the scope.</summary>
    public static Scope Begin(TimeSpan limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        var previous = Ambient.Value;
        Ambient.Value = new ConnectorBudget(limit);
        return new Scope(previous);
    }

    /// <summary>Runs outside any budget (for work a turn starts but does not wait for).</summary>
    public static Scope None()
    {
        var previous = Ambient.Value;
        Ambient.Value = null;
        return new Scope(previous);
    }

    internal void Spend(TimeSpan elapsed) => Interlocked.Add(ref _spentTicks, Math.Max(0, elapsed.Ticks));

    /// <summary>Ends a budget's scope: the budget that was current before it is current again.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly ConnectorBudget? _previous;

        internal Scope(ConnectorBudget? previous) => _previous = previous;

        public void Dispose() => Ambient.Value = _previous;
    }
}
