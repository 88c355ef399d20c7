using LearningBot.Connector.Authentication;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Authentication;

/// <summary>One local issuer per test, and authenticators wired exactly as the bot wires them.</summary>
public abstract class AuthenticatorHarness : IAsyncLifetime
{
    public const string CustomerTenantId = "3a1f9c2e-5b7d-4e8a-9c6f-1d2e3f4a5b6c";
    public const string BotFrameworkTenantId = "d6d49420-f39b-4df7-a1dc-d59a935871db";

    private readonly List<ServiceProvider> _providers = [];

    internal ManualClock Clock { get; } = new();

    protected TestTokenIssuer Issuer { get; private set; } = null!;

    protected static InboundActivityContext TeamsActivity { get; } =
        new(TestTokenIssuer.ChannelId, TestTokenIssuer.ServiceUrl, CustomerTenantId);

    public async Task InitializeAsync()
    {
        Issuer = await TestTokenIssuer.StartAsync();
        Issuer.Clock = Clock;
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Issuer.DisposeAsync();
    }

    protected IServiceProvider CreateServices(
        Action<Dictionary<string, string?>>? configure = null, string? appId = TestTokenIssuer.AppId, string environment = "Development")
    {
        var settings = Issuer.BotSettings(appId);
        settings["MicrosoftAppPassword"] = "not-a-real-secret"; // a bot with an app id needs its credential to start
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(environment));
        services.AddBotAuthentication();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        return provider;
    }

    protected IBotAuthenticator CreateAuthenticator(
        Action<Dictionary<string, string?>>? configure = null, string? appId = TestTokenIssuer.AppId, string environment = "Development") =>
        CreateServices(configure, appId, environment).GetRequiredService<IBotAuthenticator>();

    protected static BotAuthenticationOptions OptionsOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;

    protected static string Bearer(string token) => "Bearer " + token;

    protected async Task<BotAuthenticationResult> AuthenticateAsync(
        string? header, InboundActivityContext? activity = null, IBotAuthenticator? authenticator = null) =>
        await (authenticator ?? CreateAuthenticator()).AuthenticateAsync(header, activity ?? TeamsActivity, CancellationToken.None);

    protected Task<BotAuthenticationResult> AuthenticateTokenAsync(Action<TokenSpec>? token, IBotAuthenticator? authenticator = null) =>
        AuthenticateAsync(Bearer(Issuer.CreateToken(token)), authenticator: authenticator);

    protected static void AssertRejected(BotAuthenticationResult result, int statusCode, string failureFragment)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(statusCode, result.StatusCode);
        Assert.Null(result.Identity);
        Assert.Contains(failureFragment, result.Failure, StringComparison.OrdinalIgnoreCase);
    }

    protected static void AssertAccepted(BotAuthenticationResult result)
    {
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(200, result.StatusCode);
        Assert.Null(result.Failure);
        Assert.NotNull(result.Identity);
    }
}
