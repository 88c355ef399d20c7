namespace LearningBot.Delivery;

/// <summary>Recipients settled while working on one queue message, by outcome (safe to add to from parallel sends).</summary>
public sealed class DeliveryTally
{
    private int _sent;
    private int _unreachable;
    private int _failed;
    private int _cancelled;

    public int Sent => _sent;

    public int Unreachable => _unreachable;

    public int Failed => _failed;

    public int Cancelled => _cancelled;

    public int Total => Sent + Unreachable + Failed + Cancelled;

    /// <summary>Adds another tally's counts to this one.</summary>
    public void Add(DeliveryTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Interlocked.Add(ref _sent, other.Sent);
        Interlocked.Add(ref _unreachable, other.Unreachable);
        Interlocked.Add(ref _failed, other.Failed);
        Interlocked.Add(ref _cancelled, other.Cancelled);
    }

    public void Add(string outcome)
    {
        switch (outcome)
        {
            case DeliveryOutcomes.Sent: Interlocked.Increment(ref _sent); break;
            case DeliveryOutcomes.Unreachable: Interlocked.Increment(ref _unreachable); break;
            case DeliveryOutcomes.Failed: Interlocked.Increment(ref _failed); break;
            case DeliveryOutcomes.Cancelled: Interlocked.Increment(ref _cancelled); break;
            default: throw new ArgumentException($"'{outcome}' is not a settled outcome.", nameof(outcome));
        }
    }
}
