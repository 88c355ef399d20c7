namespace LearningBot.Tests.Support;

/// <summary>
/// Two instances of the bot (<see cref="BotProcess"/>) on one storage account (their own Azurite tables and queues)
/// and one <see cref="FakeConnector"/>, started together once per test class (<c>IClassFixture&lt;BotInstances&gt;</c>).
/// Subclass it to start them with other settings (<see cref="Settings"/>).
/// </summary>
public class BotInstances : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public BotProcess A { get; private set; } = null!;

    public BotProcess B { get; private set; } = null!;

    public FakeConnector Connector { get; private set; } = null!;

    public AzuriteFixture Azurite => _azurite;

    /// <summary>Both instances, for assertions that count across them.</summary>
    public IReadOnlyList<BotProcess> All => [A, B];

    /// <summary>Settings both instances start with, on top of the storage ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Connector = await FakeConnector.StartAsync();
        var a = BotProcess.StartAsync("A", _azurite, Settings);
        var b = BotProcess.StartAsync("B", _azurite, Settings);
        try
        {
            await Task.WhenAll(a, b);
        }
        catch
        {
            await DisposeStartedAsync(a, b);
            throw;
        }

        (A, B) = (a.Result, b.Result);
    }

    /// <summary>Every instance's recent log, for an assertion's message.</summary>
    public string Describe() => string.Join('\n', All.Where(bot => bot is not null).Select(bot => bot.Describe()));

    public async Task DisposeAsync()
    {
        foreach (var bot in new[] { A, B }.Where(bot => bot is not null))
        {
            await bot.DisposeAsync();
        }

        if (Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    private static async Task DisposeStartedAsync(params Task<BotProcess>[] starting)
    {
        foreach (var start in starting.Where(task => task.IsCompletedSuccessfully))
        {
            await start.Result.DisposeAsync();
        }
    }
}
