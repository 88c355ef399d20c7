using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Connector.Authentication;

/// <summary>
/// Validates the bearer token on an inbound activity: Bot Connector tokens (endorsements, <c>serviceurl</c>)
/// and Entra ID tokens (tenant issuers, <c>tid</c>, the key's issuer; Azure Bot Service's channel tokens, or the bot and
/// its allowed callers), then the channel (Teams only) and the tenant allow-list.
/// </summary>
internal sealed partial class BotAuthenticator : IBotAuthenticator
{
    private const string AnonymousAuthenticationType = "anonymous";
    private const string TenantIdTemplate = "{tenantid}";

    private readonly BotIdentityOptions _identity;
    private readonly bool _isDevelopment;
    private readonly BotAuthenticationOptions _options;
    private readonly SigningKeyStore _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<BotAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly HashSet<string> _validIssuers;

    public BotAuthenticator(
        IOptions<BotIdentityOptions> identity,
        IOptions<BotAuthenticationOptions> options,
        SigningKeyStore keys,
        TimeProvider time,
        IHostEnvironment environment,
        ILogger<BotAuthenticator> logger)
    {
        _identity = identity.Value;
        _isDevelopment = environment.IsDevelopment();
        _options = options.Value;
        _keys = keys;
        _time = time;
        _logger = logger;
        _validIssuers = new HashSet<string>(_options.ValidIssuers, StringComparer.Ordinal);
    }

    /// <summary>
    /// Anonymous requests are let in only for a local run in the Development environment. Elsewhere start-up already
    /// refuses a missing app id (<see cref="AppIdRequiredOutsideDevelopment"/>); should one get this far anyway, every
    /// request still needs a token, and none can be valid without an app id.
    /// </summary>
    public bool IsDisabled => _identity.IsLocalRun && _isDevelopment;

    private string? AppId => _identity.MicrosoftAppId;

    public async ValueTask<BotAuthenticationResult> AuthenticateAsync(
        string? authorizationHeader, InboundActivityContext activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var result = await EvaluateAsync(authorizationHeader, activity, cancellationToken).ConfigureAwait(false);
        if (result.StatusCode == StatusCodes.Status403Forbidden)
        {
            LogForbidden(_logger, result.Failure, activity.ChannelId, activity.TenantId);
        }
        else if (!result.Succeeded)
        {
            LogUnauthorized(_logger, result.Failure);
        }

        return result;
    }

    private async ValueTask<BotAuthenticationResult> EvaluateAsync(
        string? authorizationHeader, InboundActivityContext activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return IsDisabled
                ? Accept(new ClaimsIdentity([], AnonymousAuthenticationType), activity, activity.TenantId)
                : BotAuthenticationResult.Unauthorized("Authorization header is missing");
        }

        // With no app id a header is still validated; it then fails on the audience, as the Bot Framework does.
        if (!TryReadBearerToken(authorizationHeader, out var rawToken))
        {
            return BotAuthenticationResult.Unauthorized("Authorization header is not 'Bearer <token>'");
        }

        if (!TryParse(rawToken, out var token))
        {
            return BotAuthenticationResult.Unauthorized("token is not a well-formed JWT");
        }

        if (!BotAuthenticationDefaults.AllowedSigningAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return BotAuthenticationResult.Unauthorized($"signing algorithm '{Safe(token.Alg)}' is not allowed");
        }

        // RFC 7515 4.1.11: a token may only be accepted if every extension its crit header names is understood; none is.
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            return BotAuthenticationResult.Unauthorized("token names critical header extensions (crit), which are not supported");
        }

        if (!_validIssuers.Contains(token.Issuer))
        {
            return BotAuthenticationResult.Unauthorized($"issuer '{Safe(token.Issuer)}' is not accepted");
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return BotAuthenticationResult.Unauthorized("token has no key id");
        }

        var isBotConnector = BotAuthenticationDefaults.IsBotFrameworkIssuer(token.Issuer);
        var metadataUrl = isBotConnector ? _options.OpenIdMetadataUrl : _options.EntraOpenIdMetadataUrl;
        var lookup = await _keys.FindAsync(metadataUrl, token.Kid, cancellationToken).ConfigureAwait(false);
        if (lookup.Key is null)
        {
            return BotAuthenticationResult.Unauthorized(lookup.KeysUnavailable
                ? "signing keys could not be retrieved"
                : $"signing key '{Safe(token.Kid)}' is unknown");
        }

        var validation = await _handler.ValidateTokenAsync(token, ValidationParameters(token.Issuer, lookup.Key.Key)).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return BotAuthenticationResult.Unauthorized(Describe(validation.Exception));
        }

        if (!HasAudience(token))
        {
            return BotAuthenticationResult.Unauthorized(_identity.IsLocalRun
                ? "no MicrosoftAppId is configured, so no token can be accepted"
                : "token audience is not this bot");
        }

        return isBotConnector
            ? CheckBotConnectorToken(token, lookup.Key, validation.ClaimsIdentity, activity)
            : CheckEntraToken(token, lookup.Key, lookup.KeySet!, validation.ClaimsIdentity, activity);
    }

    /// <summary>Bot Connector token: <c>serviceurl</c> must match (401), the key must endorse the channel (403).</summary>
    private BotAuthenticationResult CheckBotConnectorToken(
        JsonWebToken token, SigningKey key, ClaimsIdentity identity, InboundActivityContext activity)
    {
        if (!token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) || string.IsNullOrWhiteSpace(serviceUrl))
        {
            return BotAuthenticationResult.Unauthorized("token has no serviceurl claim");
        }

        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Unauthorized("token serviceurl does not match the activity's serviceUrl");
        }

        // An activity that names no channel asserts no endorsement (as in the SDK's EndorsementsValidator); it is
        // refused as malformed (400) once the token has been found valid.
        if (!string.IsNullOrEmpty(activity.ChannelId) && !key.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return BotAuthenticationResult.Forbidden($"signing key '{Safe(token.Kid)}' is not endorsed for channel '{Safe(activity.ChannelId)}'");
        }

        return Accept(identity, activity, activity.TenantId);
    }

    /// <summary>
    /// Entra ID token: <c>tid</c> agrees with <c>iss</c> and the key's issuer. One issued by Azure Bot Service's own
    /// tenants is a channel's token and is then accepted as the Agents SDK accepts it; any other is another app calling,
    /// which must be the bot itself or an allowed caller. Then the tenant allow-list.
    /// </summary>
    private BotAuthenticationResult CheckEntraToken(
        JsonWebToken token, SigningKey key, SigningKeySet keySet, ClaimsIdentity identity, InboundActivityContext activity)
    {
        var tenantId = PayloadString(token, "tid");
        if (tenantId is null || !string.Equals(IssuerTenant(token.Issuer), tenantId, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Unauthorized("token tid does not agree with its issuer");
        }

        if (!KeyMaySignFor(key, keySet, token.Issuer, tenantId))
        {
            return BotAuthenticationResult.Unauthorized($"signing key '{Safe(token.Kid)}' may not sign for issuer '{Safe(token.Issuer)}'");
        }

        // A channel token's azp/appid names Azure Bot Service's own app, which the bot cannot know in advance; the
        // issuer, audience and signing key already prove where it came from (rule 2.4 says why this is safe).
        var isChannelToken = BotAuthenticationDefaults.IsBotFrameworkTenant(tenantId);
        var callerAppId = PayloadString(token, "azp") ?? PayloadString(token, "appid");
        if (!isChannelToken && (callerAppId is null || !IsTrustedCaller(callerAppId)))
        {
            return BotAuthenticationResult.Unauthorized($"tokens from other apps (skills) are not accepted: caller '{Safe(callerAppId)}'");
        }

        if (PayloadString(token, "serviceurl") is { } serviceUrl &&
            !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Unauthorized("token serviceurl does not match the activity's serviceUrl");
        }

        // Azure Bot Service's own tenants say nothing about the customer; the activity names the tenant then.
        var tenant = isChannelToken ? activity.TenantId : tenantId;
        return Accept(identity, activity, tenant, callerAppId);
    }

    /// <summary>
    /// The checks every accepted request ends with, token or not: the channel is one the bot serves (403), and the
    /// tenant is allowed (403). The identity then carries the channel and the tenant (<see cref="InboundClaims"/>).
    /// An activity naming no channel passes here and is refused as malformed once read (400).
    /// </summary>
    private BotAuthenticationResult Accept(ClaimsIdentity identity, InboundActivityContext activity, string? tenantId, string? callerAppId = null)
    {
        if (!string.IsNullOrEmpty(activity.ChannelId) && !BotChannels.IsServed(activity.ChannelId, _isDevelopment))
        {
            return BotAuthenticationResult.Forbidden($"channel '{Safe(activity.ChannelId)}' is not served: only Teams is");
        }

        if (CheckTenant(tenantId) is { } refused)
        {
            return refused;
        }

        Replace(identity, InboundClaims.ChannelId, activity.ChannelId);
        Replace(identity, InboundClaims.TenantId, tenantId);
        return BotAuthenticationResult.Success(identity, tenantId, callerAppId);
    }

    private static void Replace(ClaimsIdentity identity, string type, string? value)
    {
        while (identity.FindFirst(type) is { } existing)
        {
            identity.RemoveClaim(existing);
        }

        if (!string.IsNullOrEmpty(value))
        {
            // Made with the identity as its subject, so AddClaim keeps it rather than adding a copy.
            identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        }
    }

    private BotAuthenticationResult? CheckTenant(string? tenantId)
    {
        if (_options.AllowedTenants.Count == 0 ||
            (tenantId is not null && _options.AllowedTenants.Contains(tenantId, StringComparer.OrdinalIgnoreCase)))
        {
            return null;
        }

        return BotAuthenticationResult.Forbidden($"tenant '{Safe(tenantId)}' is not allowed");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound request rejected (401): {Failure}")]
    private static partial void LogUnauthorized(ILogger logger, string? failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound request forbidden (403): {Failure} (channel {ChannelId}, tenant {TenantId})")]
    private static partial void LogForbidden(ILogger logger, string? failure, string? channelId, string? tenantId);
}
