namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>How to start the bot: its Release build and the settings every instance of one scenario shares.</summary>
internal sealed record BotLaunch(string BotDll, IReadOnlyDictionary<string, string> Settings);
