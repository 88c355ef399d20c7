using LearningBot.Connector.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Support;

/// <summary>
/// One bot with authentication on, shared by the tests of a class: tokens from a local <see cref="TestTokenIssuer"/>,
/// replies to the real Teams connector host routed to a fake connector over HTTPS, tables of its own in Azurite.
/// </summary>
public sealed class AuthenticatedBotFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public TestTokenIssuer Issuer { get; private set; } = null!;

    public BotTestHost Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Issuer = await TestTokenIssuer.StartAsync();
        var settings = Issuer.BotSettings();
        settings["MicrosoftAppPassword"] = "not-a-real-secret"; // needed to start; replies carry a fixed token
        Bot = await BotTestHost.StartAsync(
            _azurite,
            settings,
            services => services.AddSingleton<IBotAccessTokenProvider>(new FixedTokenProvider("outbound-token")),
            httpsConnector: true,
            connectorBasePath: "/teams");
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Issuer.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
