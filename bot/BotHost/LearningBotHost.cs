using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.People;
using LearningBot.Storage;
using LearningBot.Telemetry;

namespace LearningBot.BotHost;

/// <summary>Builds the bot's web host: configuration, services and endpoints. Tests build it the same way.</summary>
public static class LearningBotHost
{
    public const string DefaultUrl = "http://127.0.0.1:3978";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddLearningBot(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapLearningBot();
        LogStartup(app);
        return app;
    }

    public static IServiceCollection AddLearningBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddLearningBotTelemetry(configuration);
        services.AddOptions<BotIdentityOptions>().Bind(configuration);
        services.AddOptions<BotHostingOptions>().Bind(configuration.GetSection(BotHostingOptions.Section));
        services.AddBotAuthentication(configuration);
        services.AddConnectorClient(configuration);
        services.AddTableStorage(configuration);
        services.AddRoles(configuration);
        services.AddCards();
        services.AddPeopleDirectory(configuration);

        services.AddSingleton<ActivityDeduplicator>();
        services.AddSingleton<ConversationReferenceStore>();
        services.AddSingleton<BotRouter>();
        services.AddSingleton<BotAdapter>();
        services.AddSingleton<ProactiveMessenger>();

        Program.AddCapabilities(services, configuration);
        return services;
    }

    public static WebApplication MapLearningBot(this WebApplication app)
    {
        app.Map("/api/messages", (HttpContext http, BotAdapter adapter) => adapter.ProcessAsync(http));
        app.MapGet("/healthz", HealthCheck.WriteAsync);
        app.MapInformationPages();
        foreach (var feature in app.Services.GetServices<IEndpointFeature>())
        {
            feature.MapEndpoints(app);
        }

        return app;
    }

    private static void LogStartup(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LearningBot");
        if (app.Services.GetRequiredService<IBotAuthenticator>().IsDisabled)
        {
            logger.LogWarning(
                "Inbound authentication is OFF because no MicrosoftAppId is configured. This is meant for local runs " +
                "with the Agents Playground only; set MicrosoftAppId (and its credential) before exposing the bot.");
        }
        else
        {
            logger.LogInformation("Inbound authentication is on: only tokens issued for this bot's app id are accepted.");
        }
    }
}
