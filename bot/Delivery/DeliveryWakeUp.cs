namespace LearningBot.Delivery;

/// <summary>Tells this instance's idle worker that work was just queued, so it looks at the queue now rather than after its idle wait.</summary>
public sealed class DeliveryWakeUp
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>Waits for a wake-up or for <paramref name="delay"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) => _signal.WaitAsync(delay, cancellationToken);
}
