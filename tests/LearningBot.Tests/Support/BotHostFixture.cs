using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Support;

/// <summary>
/// One <see cref="BotTestHost"/> for all the tests of a class (<c>IClassFixture&lt;BotHostFixture&gt;</c>), on the
/// class's own Azurite tables: starting the host is the slow part of an end-to-end test. For classes whose tests all
/// use one configuration; subclass it to change the settings or services for the whole class. Each test takes the host
/// with <see cref="ForTest"/>, which clears what the fake connector recorded or was told to do, so a test sees only its
/// own traffic. Storage and the bot's memory stay shared, so each test works in conversations of its own (the
/// <see cref="TeamsActivities"/> helpers start a new one unless told otherwise).
/// </summary>
public class BotHostFixture : IAsyncLifetime
{
    private BotTestHost? _bot;

    public AzuriteFixture Azurite { get; } = new();

    public BotTestHost Bot => _bot ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Settings for the class's host, on top of the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Service changes for the class's host.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Runs once the host has started, before the class's first test: for records every test needs.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    /// <summary>The class's host with a connector that has seen nothing yet: call once per test.</summary>
    public BotTestHost ForTest()
    {
        Bot.Connector.Reset();
        return Bot;
    }

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        _bot = await BotTestHost.StartAsync(Azurite, Settings, ConfigureServices);
        await StartedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }
}
