namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>How watching a delivery ended, and what happened to the bot on the way.</summary>
internal sealed record DeliveryWatch(string Status, int? DeliveredAtKill, double? RestartSeconds);
