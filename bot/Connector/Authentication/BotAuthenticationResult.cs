using System.Security.Claims;

namespace LearningBot.Connector.Authentication;

/// <summary>The outcome of authenticating one request.</summary>
/// <param name="StatusCode">200 ok, 401 bad or missing token, 403 valid token but wrong endorsement, channel or tenant.</param>
/// <param name="Failure">Why it failed, safe to log (never contains the token).</param>
public sealed record BotAuthenticationResult(bool Succeeded, int StatusCode, string? Failure, ClaimsIdentity? Identity)
{
    /// <summary>The calling app (<c>azp</c> or <c>appid</c>) of an Entra ID token; null for Bot Connector and anonymous callers.</summary>
    public string? CallerAppId { get; init; }

    /// <summary>The tenant of an accepted request, from a validated source (see <see cref="InboundClaims.TenantId"/>).</summary>
    public string? TenantId { get; init; }

    public static BotAuthenticationResult Success(ClaimsIdentity identity, string? tenantId, string? callerAppId = null) =>
        new(true, StatusCodes.Status200OK, null, identity) { TenantId = tenantId, CallerAppId = callerAppId };

    public static BotAuthenticationResult Unauthorized(string failure) =>
        new(false, StatusCodes.Status401Unauthorized, failure, null);

    public static BotAuthenticationResult Forbidden(string failure) =>
        new(false, StatusCodes.Status403Forbidden, failure, null);
}
