namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>
/// The busiest fixed one-second window (requests let through), and the busiest sliding one-second window of requests
/// offered (refused ones included) and of requests let through.
/// </summary>
internal sealed record RatePeaks(int FixedWindow, int SlidingOffered, int SlidingAccepted);
