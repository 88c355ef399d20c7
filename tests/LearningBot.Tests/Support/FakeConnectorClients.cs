using LearningBot.Connector.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LearningBot.Tests.Support;

/// <summary>Builds the real connector client registration (<c>AddConnectorClient</c>) wired to a <see cref="FakeConnector"/>.</summary>
public static class FakeConnectorClients
{
    /// <summary>Fast retry settings so retry tests take milliseconds, not seconds.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastRetries = new Dictionary<string, string?>
    {
        ["ConnectorClient:BaseDelay"] = "00:00:00.010",
        ["ConnectorClient:MaxDelay"] = "00:00:02",
        ["ConnectorClient:MaxTotalDelay"] = "00:00:05",
        ["ConnectorClient:RequestTimeout"] = "00:00:05",
    };

    /// <summary>
    /// A service provider with the connector client registered from <paramref name="settings"/> (plus fast retries).
    /// With <paramref name="routeAllHostsTo"/> every host name reaches that connector (HTTPS), so real connector
    /// host names can be used. <paramref name="tokens"/> replaces the configured token provider.
    /// </summary>
    public static ServiceProvider Build(
        IReadOnlyDictionary<string, string?>? settings = null,
        FakeConnector? routeAllHostsTo = null,
        IBotAccessTokenProvider? tokens = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(FastRetries)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        if (tokens is not null)
        {
            services.AddSingleton(tokens);
        }

        services.AddConnectorClient();
        if (routeAllHostsTo is not null)
        {
            services.AddHttpClient(ConnectorClientFactory.HttpClientName).ConfigurePrimaryHttpMessageHandler(routeAllHostsTo.CreateRoutingHandler);
        }

        services.TryAddSingleton<IConfiguration>(configuration);
        return services.BuildServiceProvider();
    }

    public static IConnectorClient ClientFor(this ServiceProvider services, string serviceUrl) =>
        services.GetRequiredService<IConnectorClientFactory>().Create(serviceUrl);
}

/// <summary>A token provider that always has the same token and counts how often it was asked.</summary>
public sealed class FixedTokenProvider(string token) : IBotAccessTokenProvider
{
    private int _calls;

    public int Calls => _calls;

    public bool IssuesTokens => true;

    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult<string?>(token);
    }
}
