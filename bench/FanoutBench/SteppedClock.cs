namespace LearningBot.Bench.FanoutBench;

/// <summary>A clock the self-check moves by hand, so hour-long rate windows can be checked in milliseconds.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
