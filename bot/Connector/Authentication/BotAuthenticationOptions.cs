namespace LearningBot.Connector.Authentication;

/// <summary>Inbound token validation settings, bound from the <c>BotAuthentication</c> configuration section.</summary>
public sealed class BotAuthenticationOptions
{
    public const string SectionName = "BotAuthentication";

    /// <summary>OpenID metadata for tokens issued by the Bot Connector (<c>iss = https://api.botframework.com</c>).</summary>
    public string OpenIdMetadataUrl { get; set; } = BotAuthenticationDefaults.BotFrameworkOpenIdMetadataUrl;

    /// <summary>OpenID metadata for tokens issued by Entra ID (every other accepted issuer).</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = BotAuthenticationDefaults.EntraOpenIdMetadataUrl;

    /// <summary>Accepted <c>iss</c> values. Empty means the defaults: the Bot Connector, the Bot Framework tenants and the bot's own tenant.</summary>
    public List<string> ValidIssuers { get; set; } = [];

    /// <summary>Tenants whose traffic is accepted. Empty means any tenant.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>
    /// Apps other than the bot itself that may call it with an Entra ID token (<c>azp</c>/<c>appid</c>).
    /// Empty (the default) rejects every such token, as the Bot Framework does for skills it was not told to trust.
    /// </summary>
    public List<string> AllowedCallers { get; set; } = [];

    /// <summary>Hosts the outbound connector client may send the bot's token to (used by the outbound client).</summary>
    public List<string> AllowedConnectorHosts { get; set; } = [];

    /// <summary>Metadata and key documents must come over HTTPS. Only tests against a local issuer turn this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long fetched signing keys are trusted before they are fetched again (the docs ask for at least daily).</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Least time between two refreshes forced by tokens with an unknown key id.</summary>
    public TimeSpan MinimumForcedKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
