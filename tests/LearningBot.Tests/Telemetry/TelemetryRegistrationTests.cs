using LearningBot.BotHost;
using LearningBot.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LearningBot.Tests.Telemetry;

/// <summary>Telemetry is on only with an Application Insights connection string; without one nothing of it is registered.</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public async Task Without_a_connection_string_no_tracer_meter_or_log_exporter_is_registered()
    {
        await using var app = LearningBotHost.Build(["--environment=Development", "--Storage:ConnectionString=UseDevelopmentStorage=true"]);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<LoggerProvider>());
        Assert.DoesNotContain(app.Services.GetServices<ILoggerProvider>(), provider => provider is OpenTelemetryLoggerProvider);
    }

    [Fact]
    public async Task With_a_connection_string_traces_metrics_and_logs_are_registered_with_redaction_first()
    {
        await using var app = LearningBotHost.Build(
        [
            "--environment=Development",
            "--Storage:ConnectionString=UseDevelopmentStorage=true",
            $"--{TelemetryServiceCollectionExtensions.ConnectionStringSetting}=InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=http://127.0.0.1:9/",
        ]);

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.Contains(app.Services.GetServices<ILoggerProvider>(), provider => provider is OpenTelemetryLoggerProvider);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("InstrumentationKey=00000000-0000-4000-8000-000000000001", true)]
    public void Telemetry_is_on_only_when_the_connection_string_has_a_value(string value, bool enabled)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(TelemetryServiceCollectionExtensions.ConnectionStringSetting, value)])
            .Build();

        Assert.Equal(enabled, TelemetryServiceCollectionExtensions.IsEnabled(configuration));
    }
}
