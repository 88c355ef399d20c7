namespace LearningBot.Connector.Client;

/// <summary>Bearer tokens for outbound Bot Connector calls (replaces the SDK's <c>AppCredentials</c>).</summary>
public interface IBotAccessTokenProvider
{
    /// <summary>False in a local run (no app id): calls go out without an Authorization header.</summary>
    bool IssuesTokens { get; }

    /// <summary>A valid token, or null when <see cref="IssuesTokens"/> is false.</summary>
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
