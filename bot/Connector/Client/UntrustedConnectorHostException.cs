namespace LearningBot.Connector.Client;

/// <summary>Thrown instead of sending the bot's token to a host outside the connector allow-list.</summary>
public sealed class UntrustedConnectorHostException(Uri serviceUrl)
    : InvalidOperationException($"Refusing to send the bot's access token to '{serviceUrl.GetLeftPart(UriPartial.Authority)}': not an allowed Bot Connector host (BotAuthentication:AllowedConnectorHosts, https only).")
{
    public Uri ServiceUrl { get; } = serviceUrl;
}
