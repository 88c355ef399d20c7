namespace LearningBot.Connector.Client;

/// <summary>Counts every request that leaves through the Bot Connector's HttpClient (<see cref="ConnectorTraffic"/>).</summary>
internal sealed class ConnectorTrafficHandler(ConnectorTraffic traffic) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        traffic.Count();
        return base.SendAsync(request, cancellationToken);
    }
}
