namespace LearningBot.Connector.Client;

/// <summary>A token and when it expires.</summary>
public sealed record BotAccessToken(string Token, DateTimeOffset ExpiresOn);
