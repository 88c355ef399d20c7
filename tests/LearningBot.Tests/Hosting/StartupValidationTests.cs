using LearningBot.BotHost;
using LearningBot.Connector.Authentication;
using LearningBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LearningBot.Tests.Hosting;

/// <summary>Every settings section is checked when the host starts: a bad setting stops start-up and names itself.</summary>
public sealed class StartupValidationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_defaults_start()
    {
        await using var app = Build([]);

        await app.StartAsync();
        await app.StopAsync();
    }

    [Theory]
    [InlineData("FiveMinuteReview:CadenceMonths", "0")]
    [InlineData("FiveMinuteReview:LinkSigningKey", "dG9vIHNob3J0")]
    [InlineData("FiveMinuteReview:PublicBaseUrl", "learningbot.example.org")]
    [InlineData("PublicLinks:SigningKey", "dG9vIHNob3J0")]
    [InlineData("PublicLinks:BaseUrl", "learningbot.example.org")]
    [InlineData("OneStopShop:ConfidenceThreshold", "1.5")]
    [InlineData("OneStopShop:OutOfScopePattern", "(unclosed")]
    [InlineData("OneStopShop:Ranking:K1", "0")]
    [InlineData("OneStopShop:QuestionRetention:Months", "12")]
    [InlineData("LearningHub:Escalation:TimeZone", "Middle/Earth")]
    [InlineData("LearningHub:Escalation:OverdueCheckInterval", "00:00:05")]
    [InlineData("Storage:TableEndpoint", "http://account.table.core.windows.net")]
    [InlineData("Storage:TablePrefix", "blue-green")]
    [InlineData("People:TableName", "people table")]
    [InlineData("People:Graph:BaseUrl", "graph.microsoft.com")]
    [InlineData("ConnectorClient:MaxRetries", "-1")]
    [InlineData("BotAuthentication:OpenIdMetadataUrl", "login.botframework.com/keys")]
    [InlineData("BotAuthentication:AllowedConnectorHosts:0", "https://smba.trafficmanager.net/teams")]
    [InlineData("BotHosting:MaxActivityBytes", "10")]
    [InlineData("BotHosting:TurnTimeout", "00:00:20")]
    [InlineData("BotHosting:BodyReadTimeout", "00:00:30")]
    [InlineData("BotHosting:ConversationReferenceTimeout", "00:00:00")]
    [InlineData("Storage:TurnBudget", "00:01:00")]
    [InlineData("ConnectorClient:TurnBudget", "00:00:00.1")]
    public async Task A_bad_setting_stops_start_up_and_is_named(string setting, string value)
    {
        var messages = await StartUpFailureAsync((setting, value));

        Assert.Contains(setting, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_id_without_its_credential_stops_start_up()
    {
        var messages = await StartUpFailureAsync(
            ("MicrosoftAppType", "SingleTenant"), ("MicrosoftAppId", "6f0b6a71-3c4e-4d5a-9a0e-2b1c8d7e5f40"));

        Assert.Contains("MicrosoftAppPassword is required", messages, StringComparison.Ordinal);
        Assert.Contains("MicrosoftAppTenantId is required", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("development-ish")]
    public async Task Without_an_app_id_the_bot_refuses_to_start_outside_development(string environment)
    {
        var messages = await StartUpFailureAsync(("environment", environment), ("MicrosoftAppId", ""));

        Assert.Contains("MicrosoftAppId is required", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Without_a_link_signing_key_the_bot_refuses_to_start_outside_development(string environment)
    {
        var messages = await StartUpFailureAsync(
            [.. ProductionSettings.Where(s => s.Setting != "PublicLinks:SigningKey"), ("environment", environment)]);

        Assert.Contains("PublicLinks:SigningKey is required", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("MicrosoftAppId", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_app_id_a_development_bot_starts_with_authentication_off()
    {
        await using var app = Build(["--MicrosoftAppId="]);

        await app.StartAsync();
        Assert.True(app.Services.GetRequiredService<IBotAuthenticator>().IsDisabled);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_production_bot_with_its_settings_starts_with_authentication_on()
    {
        await using var app = Build([.. ProductionSettings.Select(s => $"--{s.Setting}={s.Value}")]);

        await app.StartAsync();
        Assert.False(app.Services.GetRequiredService<IBotAuthenticator>().IsDisabled);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_production_bot_with_the_older_link_key_setting_still_starts()
    {
        await using var app = Build([.. ProductionSettings.Select(s => s.Setting == "PublicLinks:SigningKey"
            ? $"--FiveMinuteReview:LinkSigningKey={s.Value}" : $"--{s.Setting}={s.Value}")]);

        await app.StartAsync();
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var sameKey = new PublicLinks(Microsoft.Extensions.Options.Options.Create(new PublicLinksOptions { SigningKey = key }),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<PublicLinks>.Instance);
        Assert.Equal(sameKey.Signer("any").Query("id", 1), app.Services.GetRequiredService<PublicLinks>().Signer("any").Query("id", 1));
        await app.StopAsync();
    }

    /// <summary>What a deployment provides (infra/main.bicep): the environment is Production, the bot has its identity.</summary>
    private static readonly (string Setting, string Value)[] ProductionSettings =
    [
        ("environment", "Production"),
        ("MicrosoftAppType", "UserAssignedMSI"),
        ("MicrosoftAppId", "6f0b6a71-3c4e-4d5a-9a0e-2b1c8d7e5f40"),
        ("MicrosoftAppTenantId", "0e4c2a6b-7d1f-4b9e-8c3a-5f2d1e0b9a87"),
        ("PublicLinks:SigningKey", Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())),
    ];

    [Fact]
    public async Task Every_bad_setting_is_reported_at_once()
    {
        var messages = await StartUpFailureAsync(
            ("FiveMinuteReview:CadenceMonths", "0"), ("FiveMinuteReview:DueSoonDays", "-1"), ("ConnectorClient:MaxRetries", "99"));

        Assert.Contains("FiveMinuteReview:CadenceMonths", messages, StringComparison.Ordinal);
        Assert.Contains("FiveMinuteReview:DueSoonDays", messages, StringComparison.Ordinal);
        Assert.Contains("ConnectorClient:MaxRetries", messages, StringComparison.Ordinal);
    }

    /// <summary>Builds and starts the bot with the settings; returns every message of the failure it must end in.</summary>
    private async Task<string> StartUpFailureAsync(params (string Setting, string Value)[] settings)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var app = Build([.. settings.Select(s => $"--{s.Setting}={s.Value}")]);
            await app.StartAsync();
            await app.StopAsync();
        });

        Assert.NotNull(failure);
        return string.Join(Environment.NewLine, Messages(failure));
    }

    private WebApplication Build(string[] settings) => LearningBotHost.Build(
        [.. azurite.Settings.Select(s => $"--{s.Key}={s.Value}"), "--environment=Development", .. settings],
        builder =>
        {
            builder.Logging.ClearProviders();
            builder.WebHost.UseTestServer();
        });

    private static IEnumerable<string> Messages(Exception exception) =>
        exception is AggregateException aggregate
            ? [aggregate.Message, .. aggregate.InnerExceptions.SelectMany(Messages)]
            : exception.InnerException is { } inner ? [exception.Message, .. Messages(inner)] : [exception.Message];
}
