using Microsoft.Identity.Client;

namespace LearningBot.Connector.Client;

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
