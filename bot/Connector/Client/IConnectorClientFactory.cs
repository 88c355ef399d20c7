namespace LearningBot.Connector.Client;

/// <summary>Creates a client bound to the serviceUrl of a conversation (taken from its latest inbound activity).</summary>
public interface IConnectorClientFactory
{
    /// <exception cref="UntrustedConnectorHostException">The bot has credentials and the host is not an allowed connector host.</exception>
    IConnectorClient Create(string serviceUrl);
}
