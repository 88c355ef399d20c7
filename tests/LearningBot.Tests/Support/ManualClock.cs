namespace LearningBot.Tests.Support;

/// <summary>
/// A clock that stands still until the test moves or sets it. Timers and delays still run on real time (the bot's
/// retry delays and background loops take their clock from it), which is why this is not FakeTimeProvider: that one
/// also freezes timers, so a connector retry would wait for a test that never advances it.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>Starts at the real time, so freshly minted tokens are current.</summary>
    public ManualClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
