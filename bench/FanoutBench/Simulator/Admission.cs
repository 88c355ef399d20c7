namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>Whether a request may go through; when not, how long the caller must wait and which limit it broke.</summary>
internal readonly record struct Admission(bool Admitted, TimeSpan RetryAfter, string? Limit)
{
    public static Admission Allowed { get; } = new(true, TimeSpan.Zero, null);

    public static Admission Refused(TimeSpan retryAfter, string limit) => new(false, retryAfter, limit);

    /// <summary>Retry-After in whole seconds, never less than one (the header carries delta-seconds).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
