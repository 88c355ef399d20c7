using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Connector.Authentication;

/// <summary>The token checks: bearer header, parsing, audience, signing key scope, lifetime, and safe failure text.</summary>
internal sealed partial class BotAuthenticator
{
    private bool IsTrustedCaller(string callerAppId) =>
        string.Equals(callerAppId, AppId, StringComparison.OrdinalIgnoreCase) ||
        _options.AllowedCallers.Contains(callerAppId, StringComparer.OrdinalIgnoreCase);

    private bool HasAudience(JsonWebToken token) =>
        !string.IsNullOrWhiteSpace(AppId) && token.Audiences.Contains(AppId, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Entra ID keys name the issuer they sign for, often as a template. A v1 token (sts.windows.net) is matched
    /// against the metadata's v2 issuer for its tenant, since v2 keys carry only the v2 form.
    /// </summary>
    private static bool KeyMaySignFor(SigningKey key, SigningKeySet keySet, string issuer, string tenantId)
    {
        if (string.IsNullOrWhiteSpace(key.Issuer))
        {
            return true;
        }

        var keyIssuer = key.Issuer.Replace(TenantIdTemplate, tenantId, StringComparison.OrdinalIgnoreCase);
        var v2Issuer = keySet.MetadataIssuer?.Replace(TenantIdTemplate, tenantId, StringComparison.OrdinalIgnoreCase);
        return string.Equals(keyIssuer, issuer, StringComparison.Ordinal) || string.Equals(keyIssuer, v2Issuer, StringComparison.Ordinal);
    }

    private TokenValidationParameters ValidationParameters(string issuer, SecurityKey key) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = issuer,
        ValidateAudience = false, // compared by hand against the app id, as the Bot Framework does
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = BotAuthenticationDefaults.ClockSkew,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = BotAuthenticationDefaults.AllowedSigningAlgorithms,
        LifetimeValidator = ValidateLifetime,
    };

    /// <summary>Lifetime against the injected clock (which tests control), with the Bot Framework's five-minute skew.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore > expires)
        {
            throw new SecurityTokenInvalidLifetimeException("The token is valid from after it expires.") { NotBefore = notBefore, Expires = expires };
        }

        if (now - parameters.ClockSkew > expires.Value)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        if (notBefore is { } nbf && now + parameters.ClockSkew < nbf)
        {
            throw new SecurityTokenNotYetValidException("The token is not yet valid.") { NotBefore = nbf };
        }

        return true;
    }

    private static bool TryReadBearerToken(string header, out string token)
    {
        var parts = header.Split(' ');
        token = parts.Length == 2 ? parts[1] : string.Empty;
        return parts.Length == 2 && string.Equals(parts[0], "Bearer", StringComparison.OrdinalIgnoreCase) && token.Length > 0;
    }

    private bool TryParse(string rawToken, out JsonWebToken token)
    {
        token = null!;
        if (!_handler.CanReadToken(rawToken))
        {
            return false;
        }

        try
        {
            token = _handler.ReadJsonWebToken(rawToken);
            return !token.IsEncrypted;
        }
        catch (Exception ex) when (ex is SecurityTokenMalformedException or ArgumentException)
        {
            return false;
        }
    }

    private static string? PayloadString(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<string>(claim, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string? IssuerTenant(string issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            ? uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            : null;

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "token has expired",
        SecurityTokenNotYetValidException => "token is not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidLifetimeException => "token lifetime is invalid",
        SecurityTokenInvalidAlgorithmException => "signing algorithm is not allowed",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "token signature is invalid",
        SecurityTokenInvalidIssuerException => "issuer is not accepted",
        null => "token validation failed",
        _ => $"token validation failed ({exception.GetType().Name})",
    };

    /// <summary>Token and activity values are attacker-controlled: keep them short and printable before they reach a log.</summary>
    private static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var clipped = value.Length > 80 ? value[..80] + "…" : value;
        return string.Concat(clipped.Select(c => char.IsControl(c) ? '?' : c));
    }
}
