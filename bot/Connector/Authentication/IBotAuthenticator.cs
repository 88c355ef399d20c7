namespace LearningBot.Connector.Authentication;

/// <summary>
/// Authenticates an inbound <c>POST /api/messages</c> request the way the Bot Framework does
/// (shaped after <c>BotFrameworkAuthentication.AuthenticateRequestAsync</c>).
/// </summary>
public interface IBotAuthenticator
{
    /// <summary>
    /// True when no <c>MicrosoftAppId</c> is configured and the environment is Development: requests without an
    /// Authorization header are let in anonymously.
    /// </summary>
    bool IsDisabled { get; }

    ValueTask<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, InboundActivityContext activity, CancellationToken cancellationToken);
}
