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
