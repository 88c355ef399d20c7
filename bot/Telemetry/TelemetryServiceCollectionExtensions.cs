using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Instrumentation.Http;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LearningBot.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The Application Insights connection string; telemetry is on only when it is set (configuration or environment).</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]);

    /// <summary>
    /// The console (the host's default logging provider; in production the container's stdout, which goes to Log
    /// Analytics) writes through <see cref="RedactedConsoleFormatter"/> only: configuration may set its options
    /// (<c>Logging:Console:FormatterOptions</c>) but cannot choose another format.
    /// </summary>
    public static IServiceCollection AddRedactedConsoleLogging(this IServiceCollection services)
    {
        services.AddLogging(logging => logging.AddConsole().AddConsoleFormatter<RedactedConsoleFormatter, RedactedConsoleFormatterOptions>());
        services.PostConfigure<ConsoleLoggerOptions>(options => options.FormatterName = RedactedConsoleFormatter.FormatterName);
        return services;
    }

    /// <summary>
    /// With <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> set: OpenTelemetry traces, metrics and logs, redacted
    /// (<see cref="AddLearningBotTelemetryPipeline"/>), exported to Azure Monitor with <c>UseAzureMonitor()</c>.
    /// Without it nothing is registered at all: no providers, no listeners, no instrumentation, so no cost.
    /// </summary>
    public static IServiceCollection AddLearningBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .AddLearningBotTelemetryPipeline()
            .UseAzureMonitor(options => options.ConnectionString = configuration[ConnectionStringSetting]);
        return services;
    }

    /// <summary>
    /// Everything about the bot's telemetry except the exporter: its ActivitySource and Meter, the redaction processors
    /// (registered here, so before any exporter added afterwards: every exporter sees redacted data only), no log
    /// scopes, no exception events on spans, and Azure SDK and framework logs from Warning up.
    /// </summary>
    public static OpenTelemetryBuilder AddLearningBotTelemetryPipeline(this OpenTelemetryBuilder builder)
    {
        builder
            // The cloud role in Application Insights (App Service's own resource detector may name the site instead).
            .ConfigureResource(resource => resource.AddService(BotTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddProcessor(new SpanRedactionProcessor()))
            .WithMetrics(metrics => metrics.AddMeter(BotTelemetry.Name))
            .WithLogging(logging => logging.AddProcessor(new LogRedactionProcessor()));

        var services = builder.Services;

        // Scopes carry request paths and whatever callers put in them, and cannot be redacted per value.
        services.PostConfigure<OpenTelemetryLoggerOptions>(options => options.IncludeScopes = false);

        // Span events cannot be changed once recorded, so exceptions are never recorded as span events; failed spans carry
        // error.type and a scrubbed status instead, and the exception itself goes to the (redacted) logs.
        services.PostConfigure<AspNetCoreTraceInstrumentationOptions>(options =>
        {
            options.RecordException = false;
            // The platform's health probe (every minute or so) is not worth a trace each time.
            options.Filter = http => !http.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase);
        });
        services.PostConfigure<HttpClientTraceInstrumentationOptions>(options => options.RecordException = false);

        // Azure SDK events (forwarded to ILogger by the distro) name every request URL at Information; requests and
        // dependencies are traced anyway, so only warnings and errors of the SDK and the framework are exported.
        services.Configure<LoggerFilterOptions>(options =>
        {
            options.AddFilter<OpenTelemetryLoggerProvider>("Azure", LogLevel.Warning);
            options.AddFilter<OpenTelemetryLoggerProvider>("Microsoft", LogLevel.Warning);
            options.AddFilter<OpenTelemetryLoggerProvider>("System", LogLevel.Warning);
        });
        return builder;
    }
}
