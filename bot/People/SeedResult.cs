namespace LearningBot.People;

/// <summary>What a seed run did.</summary>
public sealed record SeedResult(int InSeed, int Written, int Removed, int Skipped);
