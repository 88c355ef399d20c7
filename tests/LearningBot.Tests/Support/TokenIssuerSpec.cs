namespace LearningBot.Tests.Support;

/// <summary>
/// What <see cref="TestTokenIssuer.CreateToken"/> mints. Defaults describe a valid Bot Connector token for
/// <see cref="TestTokenIssuer.AppId"/> and a Teams activity from <see cref="TestTokenIssuer.ServiceUrl"/>.
/// </summary>
public sealed class TokenSpec
{
    public string Issuer { get; set; } = TestTokenIssuer.BotFrameworkIssuer;

    /// <summary>The <c>aud</c> claim; null leaves it out.</summary>
    public string? Audience { get; set; } = TestTokenIssuer.AppId;

    /// <summary>The <c>serviceurl</c> claim; null leaves it out.</summary>
    public string? ServiceUrl { get; set; } = TestTokenIssuer.ServiceUrl;

    public DateTimeOffset? NotBefore { get; set; }
    public DateTimeOffset? Expires { get; set; }

    /// <summary>The header's <c>alg</c>: RS256/384/512 sign with <see cref="SigningKey"/>, HS256/384/512 with <see cref="SymmetricKey"/>, "none" leaves the signature empty.</summary>
    public string Algorithm { get; set; } = "RS256";

    /// <summary>The RSA key to sign with; null picks the issuer's default key for <see cref="Issuer"/>.</summary>
    public TestSigningKey? SigningKey { get; set; }

    /// <summary>The header's <c>kid</c>; null uses the signing key's id, empty leaves it out.</summary>
    public string? KeyId { get; set; }

    /// <summary>The secret for HS* algorithms.</summary>
    public byte[]? SymmetricKey { get; set; }

    /// <summary>Extra claims, or overrides of the ones above; a null value removes the claim.</summary>
    public Dictionary<string, object?> Claims { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra header members, or overrides of <c>alg</c>, <c>typ</c> and <c>kid</c>; a null value removes the member.</summary>
    public Dictionary<string, object?> Headers { get; } = new(StringComparer.Ordinal);

    /// <summary>An Entra ID v1 token (<c>sts.windows.net</c>, <c>appid</c>) from <paramref name="tenantId"/> for the bot, called by <paramref name="callerAppId"/> (default: the bot itself).</summary>
    public TokenSpec AsEntraV1(string tenantId, string? callerAppId = null)
    {
        Issuer = $"https://sts.windows.net/{tenantId}/";
        ServiceUrl = null;
        Claims["tid"] = tenantId;
        Claims["ver"] = "1.0";
        Claims["appid"] = callerAppId ?? TestTokenIssuer.AppId;
        return this;
    }

    /// <summary>
    /// A channel's token as Azure Bot Service issues it through Entra ID: from one of its own tenants, for the bot, with
    /// <c>azp</c>/<c>appid</c> naming the service's app (<see cref="TestTokenIssuer.BotServiceAppId"/>), not the bot.
    /// </summary>
    public TokenSpec AsEntraChannelToken(string tenantId, bool v2 = true) =>
        v2 ? AsEntraV2(tenantId, TestTokenIssuer.BotServiceAppId) : AsEntraV1(tenantId, TestTokenIssuer.BotServiceAppId);

    /// <summary>An Entra ID v2 token (<c>login.microsoftonline.com/{t}/v2.0</c>, <c>azp</c>) from <paramref name="tenantId"/>.</summary>
    public TokenSpec AsEntraV2(string tenantId, string? callerAppId = null)
    {
        Issuer = $"https://login.microsoftonline.com/{tenantId}/v2.0";
        ServiceUrl = null;
        Claims["tid"] = tenantId;
        Claims["ver"] = "2.0";
        Claims["azp"] = callerAppId ?? TestTokenIssuer.AppId;
        return this;
    }
}
