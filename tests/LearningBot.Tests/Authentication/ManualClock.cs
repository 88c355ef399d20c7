namespace LearningBot.Tests.Authentication;

/// <summary>A clock the test moves by hand, starting at the real time so freshly minted tokens are current.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
