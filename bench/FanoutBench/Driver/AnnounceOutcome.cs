namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>Whether the announcement was sent; when not, what the bot said instead.</summary>
internal sealed record AnnounceOutcome(bool Sent, string Detail);
