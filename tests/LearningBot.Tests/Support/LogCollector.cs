using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LearningBot.Tests.Support;

/// <summary>A logging provider that keeps every message at <paramref name="minimum"/> or above, with its exception, for a test to read.</summary>
public sealed class LogCollector(ConcurrentQueue<string> messages, LogLevel minimum) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            messages.Enqueue(exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception}");
        }
    }

    public void Dispose()
    {
    }
}
