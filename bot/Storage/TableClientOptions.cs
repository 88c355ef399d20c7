using LearningBot.Storage.Http;

namespace LearningBot.Storage;

/// <summary>Transport settings for <see cref="TableServiceClient"/>.</summary>
public sealed record TableClientOptions
{
    /// <summary>Retries after the first attempt for transient faults (timeouts, 500, 502, 503, 504, connection errors).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; doubled on each retry, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Limit on one attempt; the Table service itself gives up on a request after 30 s.</summary>
    public TimeSpan TryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Signing scheme when an account key is used.</summary>
    public SharedKeyScheme SharedKeyScheme { get; init; } = SharedKeyScheme.SharedKey;
}
