namespace LearningBot.Connector.Client;

/// <summary>Decides whether a serviceUrl may receive the bot's bearer token (only genuine Bot Connector hosts may).</summary>
public sealed class ConnectorHostPolicy(IEnumerable<string> allowedHosts)
{
    private readonly string[] _allowedHosts = allowedHosts
        .Select(h => h.Trim().TrimStart('.').TrimEnd('.').ToLowerInvariant())
        .Where(h => h.Length > 0)
        .ToArray();

    /// <summary>True for https URLs whose host is an allowed host or a subdomain of one (dot boundary).</summary>
    public bool MayReceiveToken(Uri serviceUrl)
    {
        if (serviceUrl.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        var host = serviceUrl.IdnHost.TrimEnd('.').ToLowerInvariant();
        return _allowedHosts.Any(allowed => host == allowed || host.EndsWith("." + allowed, StringComparison.Ordinal));
    }

    /// <summary>Loopback connectors (the Agents Playground, test peers) are called without a token.</summary>
    public static bool IsLoopback(Uri serviceUrl) => serviceUrl.IsLoopback;
}
