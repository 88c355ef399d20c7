namespace LearningBot.Storage;

/// <summary>
/// A storage resource (a table, a queue, a table seeded from a file) made the first time it is needed, once per process.
/// Every caller shares the one creation; a creation that failed or was cancelled is tried again by the next caller.
/// </summary>
public sealed class CreatedOnce<T>(Func<Task<T>> create)
{
    private readonly Lock _gate = new();
    private Task<T>? _ready;

    /// <summary>The creation, started now if it has not been (or failed last time). Callers wait on it with their own cancellation.</summary>
    public Task<T> Ready
    {
        get
        {
            var ready = _ready;
            if (ready is { IsCompletedSuccessfully: true })
            {
                return ready;
            }

            lock (_gate)
            {
                if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
                {
                    // Shared by every caller, so one caller giving up must not cancel it for the others.
                    _ready = create();
                }

                return _ready;
            }
        }
    }
}
