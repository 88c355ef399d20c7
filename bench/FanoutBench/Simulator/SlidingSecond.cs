namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>Counts events in the last second, and keeps the highest count any one-second window reached. Not thread-safe.</summary>
internal sealed class SlidingSecond
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<TimeSpan> _recent = new();

    public int Peak { get; private set; }

    public void Add(TimeSpan now)
    {
        while (_recent.TryPeek(out var oldest) && oldest <= now - Window)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue(now);
        Peak = Math.Max(Peak, _recent.Count);
    }

    public void ResetPeak() => Peak = _recent.Count;
}
