using Azure.Core;
using Azure.Identity;
using Microsoft.Identity.Client;

namespace LearningBot.Connector.Client;

/// <summary>The constants of the Bot Connector token: authority host and scope.</summary>
public static class BotTokenConstants
{
    public const string Scope = "https://api.botframework.com/.default";
    public const string AuthorityHost = "https://login.microsoftonline.com/";
    public const string MultiTenantAuthority = AuthorityHost + "botframework.com";

    /// <summary>Picks the token source for the configured app type; null in a local run (no app id).</summary>
    public static IBotTokenSource? CreateSource(BotIdentityOptions identity, IMsalHttpClientFactory? msalHttpClientFactory = null)
    {
        if (identity.IsLocalRun)
        {
            return null;
        }

        var appId = identity.MicrosoftAppId!;
        return identity.MicrosoftAppType switch
        {
            BotAppType.MultiTenant => new MsalClientCredentialTokenSource(appId, RequireSecret(identity), MultiTenantAuthority, msalHttpClientFactory),
            BotAppType.SingleTenant => new MsalClientCredentialTokenSource(appId, RequireSecret(identity), AuthorityHost + RequireTenant(identity), msalHttpClientFactory),
            BotAppType.UserAssignedMSI => new ManagedIdentityTokenSource(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(appId))),
            _ => throw new InvalidOperationException($"Unknown MicrosoftAppType '{identity.MicrosoftAppType}'."),
        };
    }

    private static string RequireSecret(BotIdentityOptions identity) =>
        string.IsNullOrWhiteSpace(identity.MicrosoftAppPassword)
            ? throw new InvalidOperationException($"MicrosoftAppPassword is required when MicrosoftAppType is {identity.MicrosoftAppType} and MicrosoftAppId is set.")
            : identity.MicrosoftAppPassword;

    private static string RequireTenant(BotIdentityOptions identity) =>
        string.IsNullOrWhiteSpace(identity.MicrosoftAppTenantId)
            ? throw new InvalidOperationException("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.")
            : identity.MicrosoftAppTenantId;
}

/// <summary>Client credentials (app id + secret) through MSAL, against the botframework.com or the bot's own tenant.</summary>
public sealed class MsalClientCredentialTokenSource : IBotTokenSource
{
    private readonly IConfidentialClientApplication _app;

    public MsalClientCredentialTokenSource(string appId, string secret, string authority, IMsalHttpClientFactory? httpClientFactory = null)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(appId)
            .WithClientSecret(secret)
            .WithAuthority(authority, validateAuthority: true);
        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        _app = builder.Build();
        Authority = authority;
    }

    public string Authority { get; }

    public string Kind => "client credentials";

    public async Task<BotAccessToken> AcquireTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _app.AcquireTokenForClient([BotTokenConstants.Scope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return new BotAccessToken(result.AccessToken, result.ExpiresOn);
    }
}

/// <summary>A user-assigned managed identity whose client id is the bot's app id.</summary>
public sealed class ManagedIdentityTokenSource(TokenCredential credential) : IBotTokenSource
{
    public string Kind => "managed identity";

    public async Task<BotAccessToken> AcquireTokenAsync(CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([BotTokenConstants.Scope]), cancellationToken).ConfigureAwait(false);
        return new BotAccessToken(token.Token, token.ExpiresOn);
    }
}
