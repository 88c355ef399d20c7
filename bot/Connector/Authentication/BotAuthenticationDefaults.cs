using System.Globalization;

namespace LearningBot.Connector.Authentication;

/// <summary>Values from the Bot Framework authentication documentation: the public cloud's, except where marked.</summary>
public static class BotAuthenticationDefaults
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string GovernmentBotFrameworkIssuer = "https://api.botframework.us";
    public const string BotFrameworkOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string EntraOpenIdMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Tenants whose Entra ID tokens Azure Bot Service itself uses when calling bots.</summary>
    public static readonly IReadOnlyList<string> BotFrameworkTenants =
    [
        "d6d49420-f39b-4df7-a1dc-d59a935871db",
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
    ];

    /// <summary>
    /// The US Government cloud's Azure Bot Service tenant (its Entra ID issuers are <c>sts.windows.net</c> and
    /// <c>login.microsoftonline.us</c>). Not among the default issuers: a government bot lists them in <c>ValidIssuers</c>.
    /// </summary>
    public const string GovernmentBotFrameworkTenant = "cab8a31a-1906-4287-a0d8-4eef66b95f6e";

    public static readonly IReadOnlyList<string> AllowedSigningAlgorithms = ["RS256", "RS384", "RS512"];

    /// <summary>
    /// Bot Connector hosts (each with its subdomains) that may receive the bot's token when none are configured: the
    /// hosts Teams and Azure Bot Service send as <c>serviceUrl</c>, public and US Government clouds (rule 3.3 of
    /// docs/protocol-conformance.md says where each is documented).
    /// </summary>
    public static readonly IReadOnlyList<string> ConnectorHosts =
    [
        "botframework.com",                     // Azure Bot Service, public cloud (api., europe., webchat., directline., …)
        "botframework.azure.us",                // Azure Bot Service, US Government cloud
        "smba.trafficmanager.net",              // Teams, public cloud (/teams/, /emea/, /amer/, …)
        "botapi.skype.com",                     // Teams service front ends, e.g. canary.botapi.skype.com/amer/
        "smba.infra.gcc.teams.microsoft.com",   // Teams GCC
        "smba.infra.gov.teams.microsoft.us",    // Teams GCC High
        "smba.infra.dod.teams.microsoft.us",    // Teams DoD
    ];

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static string EntraV1Issuer(string tenantId) =>
        string.Format(CultureInfo.InvariantCulture, "https://sts.windows.net/{0}/", tenantId);

    public static string EntraV2Issuer(string tenantId) =>
        string.Format(CultureInfo.InvariantCulture, "https://login.microsoftonline.com/{0}/v2.0", tenantId);

    /// <summary>
    /// The Bot Connector issuer, both Entra ID issuers of the bot's own tenant and, unless the bot is
    /// <see cref="BotAppType.MultiTenant"/>, those of each Bot Framework tenant. A multi-tenant bot does not trust Azure Bot
    /// Service's tenants by default: any other multi-tenant bot can get a token for its app id from the
    /// <c>botframework.com</c> tenant (that is how skills call), which would pass for a channel's (rule 2.4).
    /// </summary>
    public static List<string> ValidIssuers(string? botTenantId, BotAppType appType)
    {
        var tenants = appType == BotAppType.MultiTenant ? [] : BotFrameworkTenants.ToList();
        if (Guid.TryParse(botTenantId, out _))
        {
            tenants.Add(botTenantId!);
        }

        return [BotFrameworkIssuer, .. tenants.SelectMany(t => new[] { EntraV1Issuer(t), EntraV2Issuer(t) })];
    }

    /// <summary>
    /// True for a tenant of Azure Bot Service itself (public or US Government): an Entra ID token it issued is a channel's
    /// token, not another app's (rule 2.4 of docs/protocol-conformance.md).
    /// </summary>
    public static bool IsBotFrameworkTenant(string? tenantId) =>
        tenantId is not null &&
        (BotFrameworkTenants.Contains(tenantId, StringComparer.OrdinalIgnoreCase) ||
         string.Equals(tenantId, GovernmentBotFrameworkTenant, StringComparison.OrdinalIgnoreCase));

    public static bool IsBotFrameworkIssuer(string? issuer) =>
        string.Equals(issuer, BotFrameworkIssuer, StringComparison.Ordinal) ||
        string.Equals(issuer, GovernmentBotFrameworkIssuer, StringComparison.Ordinal);
}
