using LearningBot.Connector.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Support;

/// <summary>Base for tests of the real connector client talking to a fresh <see cref="FakeConnector"/>.</summary>
public abstract class ConnectorClientTest : IAsyncLifetime
{
    protected FakeConnector Connector { get; set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    protected IConnectorClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await FakeConnector.StartAsync();
        Services = FakeConnectorClients.Build();
        Client = Services.ClientFor(Connector.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
