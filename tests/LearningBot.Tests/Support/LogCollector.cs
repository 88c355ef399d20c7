using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LearningBot.Tests.Support;

/// <summary>One entry a <see cref="LogCollector"/> kept: where it came from, its level and its text (with its exception, if any).</summary>
public sealed record LoggedEntry(string Category, LogLevel Level, string Text);

/// <summary>
/// A logging provider that keeps every message at <paramref name="minimum"/> or above, with its exception, for a test to
/// read; with <paramref name="entries"/>, also each entry's category and level.
/// </summary>
public sealed class LogCollector(ConcurrentQueue<string> messages, LogLevel minimum, ConcurrentQueue<LoggedEntry>? entries = null) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = messages;
    private readonly LogLevel _minimum = minimum;
    private readonly ConcurrentQueue<LoggedEntry>? _entries = entries;

    public LogCollector(ConcurrentQueue<LoggedEntry> entries, LogLevel minimum)
        : this(new ConcurrentQueue<string>(), minimum, entries)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector collector, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= collector._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception}";
            collector._messages.Enqueue(text);
            collector._entries?.Enqueue(new LoggedEntry(category, logLevel, text));
        }
    }
}
