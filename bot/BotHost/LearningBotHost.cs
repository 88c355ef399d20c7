using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.Outbox;
using LearningBot.People;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using LearningBot.Telemetry;
using Microsoft.Extensions.Options;

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

        // Every settings section registered with ValidateOnStart, checked together before any service is built from
        // them: a bad setting stops start-up here, each problem named by its setting. (Left to StartAsync, the first
        // hosted service to read a bad section would stop start-up with that section's problems only.)
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        app.MapLearningBot();
        LogStartup(app);
        return app;
    }

    public static IServiceCollection AddLearningBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddRedactedConsoleLogging();
        services.AddLearningBotTelemetry(configuration);
        services.AddBotIdentity();
        services.AddOptions<BotHostingOptions>()
            .BindConfiguration(BotHostingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddBotAuthentication();
        services.AddConnectorClient();
        services.AddTableStorage();
        services.AddRoles();
        services.AddCards();
        services.AddPeopleDirectory();

        services.AddPeriodicLeases();
        services.AddSingleton<InboundActivityClaims>();
        services.AddHostedService<InboundActivityCleanup>();
        services.AddSingleton<ActivityDeduplicator>();
        services.AddSingleton<ConversationReferenceStore>();
        services.AddSingleton<TurnLimits>();
        services.AddSingleton<BotRouter>();
        services.AddSingleton<BotAdapter>();
        services.AddSingleton<ProactiveMessenger>();
        services.AddOutbox();
        services.AddPublicLinks();
        services.AddDelivery();

        Program.AddCapabilities(services);
        return services;
    }

    public static WebApplication MapLearningBot(this WebApplication app)
    {
        app.Services.GetRequiredService<PublicLinks>().NoteRequestAddresses(app);
        // A plain request delegate over the one adapter: a delegate with service parameters would open a DI scope per
        // request to resolve them, about 0.2 KB a turn for nothing (the adapter is a singleton).
        var adapter = app.Services.GetRequiredService<BotAdapter>();
        app.Map("/api/messages", (RequestDelegate)adapter.ProcessAsync);
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
        // Made now, so a key made up at start-up is reported once, at start-up, rather than by the first link.
        app.Services.GetRequiredService<PublicLinks>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LearningBot");
        if (app.Services.GetRequiredService<IBotAuthenticator>().IsDisabled)
        {
            // Only a Development environment gets here without an app id: start-up refuses it anywhere else.
            logger.LogWarning(
                "Inbound authentication is OFF because no MicrosoftAppId is configured and the environment is Development. " +
                "This is meant for local runs with the Agents Playground only; any other environment refuses to start without MicrosoftAppId.");
        }
        else
        {
            logger.LogInformation("Inbound authentication is on: only tokens issued for this bot's app id are accepted.");
        }
    }
}
