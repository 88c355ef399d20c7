using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace LearningBot.Telemetry;

/// <summary>Settings of the console's format (<c>Logging:Console:FormatterOptions</c>).</summary>
public sealed class RedactedConsoleFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>
    /// One line per entry, an exception's lines joined with " | " (the default): a container's stdout becomes one
    /// Log Analytics row per line. False gives the framework's simple layout, the message on its own indented line.
    /// </summary>
    public bool SingleLine { get; set; } = true;
}

/// <summary>
/// The console's only format, in production the container's stdout that goes to Log Analytics: each entry's message,
/// scopes and exception pass through <see cref="LogRedaction"/>, the rule set the exporter applies, so the console
/// shows no typed text, personal data, ids or secrets either. The layout is the framework's simple one
/// (<c>info: Category[EventId] message</c>), without colours.
/// </summary>
public sealed class RedactedConsoleFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = "redacted";

    private const string MessagePadding = "      ";

    private readonly IDisposable? _reload;
    private RedactedConsoleFormatterOptions _options;

    public RedactedConsoleFormatter(IOptionsMonitor<RedactedConsoleFormatterOptions> options)
        : base(FormatterName)
    {
        _options = options.CurrentValue;
        _reload = options.OnChange(changed => _options = changed);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var formatter = logEntry.Formatter;
        var state = logEntry.State;
        var exception = logEntry.Exception;
        var message = LogRedaction.Message(state, () => formatter?.Invoke(state, exception));
        if (message.Length == 0 && exception is null)
        {
            return;
        }

        var options = _options;
        var line = new StringBuilder(message.Length + 96);
        if (options.TimestampFormat is { } timestampFormat)
        {
            var now = options.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            line.Append(now.ToString(timestampFormat, CultureInfo.InvariantCulture));
        }

        line.Append(LevelText(logEntry.LogLevel)).Append(": ").Append(logEntry.Category)
            .Append('[').Append(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture)).Append(']');
        var separator = options.SingleLine ? " " : Environment.NewLine + MessagePadding;
        if (options.IncludeScopes && scopeProvider is not null)
        {
            scopeProvider.ForEachScope(
                (scope, builder) => builder.Append(options.SingleLine ? " => " : Environment.NewLine + MessagePadding + "=> ").Append(LogRedaction.Scope(scope)),
                line);
        }

        if (message.Length > 0)
        {
            line.Append(separator).Append(Indented(message, options.SingleLine));
        }

        if (exception is not null)
        {
            var text = RedactedException.From(exception).ToString();
            line.Append(separator).Append(Indented(text, options.SingleLine));
        }

        textWriter.Write(line.Append(Environment.NewLine).ToString());
    }

    public void Dispose() => _reload?.Dispose();

    private static string Indented(string text, bool singleLine)
    {
        if (!text.Contains('\n'))
        {
            return text;
        }

        if (singleLine)
        {
            return string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return string.Join(Environment.NewLine + MessagePadding, text.Split('\n').Select(part => part.TrimEnd('\r')));
    }

    private static string LevelText(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
