using LearningBot.Telemetry;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Telemetry;

/// <summary>
/// What the console (in production the container's stdout, sent to Log Analytics) shows: every entry through the
/// exporter's rule set, so no personal data, typed text, ids or secrets, while the rest of the message stays readable.
/// </summary>
public sealed class ConsoleRedactionTests
{
    private const string Email = "jo.bloggs@example.com";
    private const string Phone = "07700 900123";
    private const string NhsNumber = "943 476 5919";
    private const string PatientName = "John Smith";
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIyOToxLWFsZXgifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
    private const string LinkSignature = "Q2xlYXJseU5vdEFSZWFsU2lnbmF0dXJlQnV0TG9uZw";
    private const string SasSignature = "dGhpcy1pcy1hLXNhcy1zaWc%3D";

    /// <summary>Everything a careless message could carry, in one sentence.</summary>
    private static readonly string Leaky =
        $"Could not save the note for patient {PatientName} ({Email}, {Phone}, NHS {NhsNumber}); " +
        $"sent Authorization: Bearer {Jwt} to /reviews/print?exp=1767225600&sig={LinkSignature} " +
        $"and https://acct.blob.core.windows.net/notes/n1?sv=2024-11-04&sig={SasSignature}, then sv=2024-11-04&sig={SasSignature}";

    private static readonly string[] Secrets = [Email, Phone, NhsNumber, PatientName, "Smith", Jwt, "eyJ", LinkSignature, SasSignature];

    [Fact]
    public void A_message_without_a_template_keeps_its_words_but_no_personal_data_or_secrets()
    {
        var output = Write(logger => logger.Log(LogLevel.Warning, new EventId(3), Leaky, null, (state, _) => state));

        AssertClean(output);
        Assert.StartsWith("warn: LearningBot.Test[3] Could not save the note for patient ", output, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer {token} to /reviews/print?exp=", output, StringComparison.Ordinal);
        Assert.Contains("https://acct.blob.core.windows.net/notes/n1,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_carrying_typed_text_shows_its_type_and_stack_but_not_the_text()
    {
        Exception failure;
        try
        {
            throw new InvalidOperationException("Storage refused the entity", new FormatException(Leaky));
        }
        catch (InvalidOperationException thrown)
        {
            failure = thrown;
        }

        var output = Write(logger => logger.LogError(failure, "Turn failed (reference {Reference})", "F-12AB"));

        AssertClean(output);
        Assert.StartsWith("fail: LearningBot.Test[0] Turn failed (reference F-12AB) System.InvalidOperationException: Storage refused the entity", output, StringComparison.Ordinal);
        Assert.Contains("System.FormatException: Could not save the note for patient", output, StringComparison.Ordinal);
        Assert.Contains(nameof(An_exception_carrying_typed_text_shows_its_type_and_stack_but_not_the_text), output, StringComparison.Ordinal);
        Assert.Single(output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Template_values_show_only_when_allow_listed_and_scrubbed_texts_are_scrubbed()
    {
        var output = Write(logger => logger.LogInformation(
            "Ticket {TicketId} for {UserName} ({Email}) refused after {Attempts} attempts: {Failure}",
            "LD-7KQ2-M4XD", PatientName, Email, 3, Leaky));

        AssertClean(output);
        Assert.StartsWith("info: LearningBot.Test[0] Ticket LD-7KQ2-M4XD for {UserName} ({Email}) refused after 3 attempts: Could not save", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_built_from_data_is_scrubbed_too()
    {
        // An interpolated string passed as the message makes the data part of the template itself.
        var template = Leaky + " {Reference}";

        var output = Write(logger => logger.Log(LogLevel.Warning, template, "F-12AB"));

        AssertClean(output);
        Assert.EndsWith(" F-12AB" + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_built_from_data_loses_people_and_conversation_ids_as_a_message_without_one_does()
    {
        const string TeamsUser = "29:1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ";
        const string EntraObject = "4f6c1d2e-0b9a-4c8d-9e7f-1a2b3c4d5e6f";
        var template = $"Could not reach {TeamsUser} (object {EntraObject}) after {{Attempts}} attempts";

        var output = Write(logger => logger.Log(LogLevel.Warning, template, 3));

        Assert.DoesNotContain(TeamsUser, output, StringComparison.Ordinal);
        Assert.DoesNotContain(EntraObject, output, StringComparison.Ordinal);
        Assert.EndsWith("after 3 attempts" + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Scopes_show_request_paths_as_templates_and_only_safe_values()
    {
        var output = Write(
            logger =>
            {
                using (logger.BeginScope(new Dictionary<string, object?>
                {
                    ["RequestPath"] = $"/reviews/0f6a2b9c3d4e4a518b7c9e1d2f3a4b50/print?exp=1&sig={LinkSignature}",
                    ["RequestId"] = "0HN8:00000001",
                    ["UserName"] = PatientName,
                }))
                {
                    logger.LogInformation("Printed");
                }
            },
            options => options.IncludeScopes = true);

        AssertClean(output);
        Assert.Contains("=> RequestPath:/reviews/{id}/print RequestId:0HN8:00000001 UserName:{UserName} Printed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_simple_layout_puts_the_message_on_its_own_indented_line()
    {
        var output = Write(logger => logger.LogWarning("Signing keys are {Status}", "stale"), options => options.SingleLine = false);

        Assert.Equal("warn: LearningBot.Test[0]" + Environment.NewLine + "      Signing keys are stale" + Environment.NewLine, output);
    }

    [Fact]
    public void The_host_writes_the_console_only_through_the_redacting_format_whatever_configuration_says()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Console:FormatterName"] = "json" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddConsole());
        services.AddRedactedConsoleLogging();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(RedactedConsoleFormatter.FormatterName, provider.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        Assert.Contains(provider.GetServices<ConsoleFormatter>(), formatter => formatter is RedactedConsoleFormatter);
    }

    private static void AssertClean(string output)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, output, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The console's text for what <paramref name="log"/> writes: real logger states, formatted as the console provider does.</summary>
    private static string Write(Action<ILogger> log, Action<RedactedConsoleFormatterOptions>? configure = null)
    {
        var options = new RedactedConsoleFormatterOptions();
        configure?.Invoke(options);
        var formatter = new RedactedConsoleFormatter(new StaticOptionsMonitor<RedactedConsoleFormatterOptions>(options));
        var writer = new StringWriter();
        using (var factory = LoggerFactory.Create(logging => logging.AddProvider(new FormattingProvider(formatter, writer))))
        {
            log(factory.CreateLogger("LearningBot.Test"));
        }

        return writer.ToString();
    }

    private sealed class FormattingProvider(ConsoleFormatter formatter, TextWriter writer) : ILoggerProvider, ILogger
    {
        private readonly LoggerExternalScopeProvider _scopes = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => _scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> format) =>
            formatter.Write(new LogEntry<TState>(logLevel, "LearningBot.Test", eventId, state, exception, format), _scopes, writer);

        public void Dispose()
        {
        }
    }
}
