namespace LearningBot.Connector.Client;

/// <summary>Fetches a fresh token from the identity platform (MSAL client credentials or managed identity).</summary>
public interface IBotTokenSource
{
    /// <summary>For logs: which kind of credential this is.</summary>
    string Kind { get; }

    Task<BotAccessToken> AcquireTokenAsync(CancellationToken cancellationToken);
}
