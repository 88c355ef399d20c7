using Azure.Core;

namespace LearningBot.Connector.Client;

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
