using System.ComponentModel.DataAnnotations;

namespace LearningBot.Connector.Authentication;

/// <summary>
/// Token settings, bound from the <c>BotAuthentication</c> section: how incoming tokens are validated, and which hosts
/// the outbound client may send the bot's own token to. Registered once, by
/// <see cref="AuthenticationServiceCollectionExtensions.AddBotAuthenticationOptions"/>.
/// </summary>
public sealed record BotAuthenticationOptions : IValidatableObject
{
    public const string Section = "BotAuthentication";

    /// <summary>OpenID metadata for tokens issued by the Bot Connector (<c>iss = https://api.botframework.com</c>).</summary>
    public string OpenIdMetadataUrl { get; set; } = BotAuthenticationDefaults.BotFrameworkOpenIdMetadataUrl;

    /// <summary>OpenID metadata for tokens issued by Entra ID (every other accepted issuer).</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = BotAuthenticationDefaults.EntraOpenIdMetadataUrl;

    /// <summary>Accepted <c>iss</c> values. Empty means the defaults: the Bot Connector, the Bot Framework tenants and the bot's own tenant.</summary>
    public List<string> ValidIssuers { get; set; } = [];

    /// <summary>Tenants whose traffic is accepted. Empty means any tenant.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>
    /// Apps other than the bot itself that may call it with an Entra ID token (<c>azp</c>/<c>appid</c>) from a tenant
    /// other than Azure Bot Service's (whose tokens are the channels', see <see cref="BotAuthenticationDefaults.IsBotFrameworkTenant"/>).
    /// Empty (the default) rejects every such token, as the Bot Framework does for skills it was not told to trust.
    /// </summary>
    public List<string> AllowedCallers { get; set; } = [];

    /// <summary>
    /// Hosts the outbound connector client may send the bot's token to: each entry matches the host itself or any
    /// subdomain of it, https only. Empty means <see cref="BotAuthenticationDefaults.ConnectorHosts"/>.
    /// </summary>
    public List<string> AllowedConnectorHosts { get; set; } = [];

    /// <summary>Metadata and key documents must come over HTTPS. Only tests against a local issuer turn this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long fetched signing keys are trusted before they are fetched again (the docs ask for at least daily).</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Least time between two refreshes forced by tokens with an unknown key id.</summary>
    public TimeSpan MinimumForcedKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The connector hosts in force: <see cref="AllowedConnectorHosts"/>, or the defaults when it is empty.</summary>
    public IReadOnlyList<string> EffectiveAllowedConnectorHosts =>
        AllowedConnectorHosts is { Count: > 0 } hosts ? hosts : BotAuthenticationDefaults.ConnectorHosts;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, url) in new[] { (nameof(OpenIdMetadataUrl), OpenIdMetadataUrl), (nameof(EntraOpenIdMetadataUrl), EntraOpenIdMetadataUrl) })
        {
            // Plain http with RequireHttpsMetadata on is refused when the keys are fetched (and every token with it).
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                yield return new($"{Section}:{name} must be an absolute http(s) URL.", [name]);
            }
        }

        foreach (var (name, list) in new[] { (nameof(ValidIssuers), ValidIssuers), (nameof(AllowedTenants), AllowedTenants), (nameof(AllowedCallers), AllowedCallers) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(list[i]))
                {
                    yield return new($"{Section}:{name}:{i} is empty.", [name]);
                }
            }
        }

        for (var i = 0; i < AllowedConnectorHosts.Count; i++)
        {
            if (Uri.CheckHostName(AllowedConnectorHosts[i]?.Trim().Trim('.')) != UriHostNameType.Dns)
            {
                yield return new(
                    $"{Section}:{nameof(AllowedConnectorHosts)}:{i} must be a host name such as smba.trafficmanager.net (no scheme, port or path).",
                    [nameof(AllowedConnectorHosts)]);
            }
        }

        if (KeyRefreshInterval < TimeSpan.FromMinutes(1))
        {
            yield return new($"{Section}:{nameof(KeyRefreshInterval)} must be at least a minute.", [nameof(KeyRefreshInterval)]);
        }

        if (MinimumForcedKeyRefreshInterval < TimeSpan.Zero || MinimumForcedKeyRefreshInterval > KeyRefreshInterval)
        {
            yield return new(
                $"{Section}:{nameof(MinimumForcedKeyRefreshInterval)} must be between zero and {Section}:{nameof(KeyRefreshInterval)}.",
                [nameof(MinimumForcedKeyRefreshInterval)]);
        }
    }
}
