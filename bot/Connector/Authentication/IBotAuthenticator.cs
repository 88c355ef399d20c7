using System.Security.Claims;

namespace LearningBot.Connector.Authentication;

/// <summary>
/// Authenticates an inbound <c>POST /api/messages</c> request the way the Bot Framework does
/// (shaped after <c>BotFrameworkAuthentication.AuthenticateRequestAsync</c>).
/// </summary>
public interface IBotAuthenticator
{
    /// <summary>True when no <c>MicrosoftAppId</c> is configured: requests without an Authorization header are let in anonymously.</summary>
    bool IsDisabled { get; }

    ValueTask<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, InboundActivityContext activity, CancellationToken cancellationToken);
}

/// <summary>The parts of the inbound activity that the token is checked against.</summary>
/// <param name="ChannelId">The activity's <c>channelId</c> (must be endorsed by the signing key).</param>
/// <param name="ServiceUrl">The activity's <c>serviceUrl</c> (must equal the token's <c>serviceurl</c> claim).</param>
/// <param name="TenantId">The activity's tenant: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</param>
public sealed record InboundActivityContext(string? ChannelId, string? ServiceUrl, string? TenantId);

/// <summary>The outcome of authenticating one request.</summary>
/// <param name="StatusCode">200 ok, 401 bad or missing token, 403 valid token but wrong endorsement or tenant.</param>
/// <param name="Failure">Why it failed, safe to log (never contains the token).</param>
public sealed record BotAuthenticationResult(bool Succeeded, int StatusCode, string? Failure, ClaimsIdentity? Identity)
{
    /// <summary>The calling app (<c>azp</c> or <c>appid</c>) of an Entra ID token; null for Bot Connector and anonymous callers.</summary>
    public string? CallerAppId { get; init; }

    public static BotAuthenticationResult Success(ClaimsIdentity identity, string? callerAppId = null) =>
        new(true, StatusCodes.Status200OK, null, identity) { CallerAppId = callerAppId };

    public static BotAuthenticationResult Unauthorized(string failure) =>
        new(false, StatusCodes.Status401Unauthorized, failure, null);

    public static BotAuthenticationResult Forbidden(string failure) =>
        new(false, StatusCodes.Status403Forbidden, failure, null);
}
