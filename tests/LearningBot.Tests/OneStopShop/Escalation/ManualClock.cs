namespace LearningBot.Tests.OneStopShop.Escalation;

/// <summary>A clock that stands still until the test moves it (timers still run on real time).</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
