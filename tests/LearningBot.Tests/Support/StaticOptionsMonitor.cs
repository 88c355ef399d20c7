using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Support;

/// <summary>An options monitor whose value never changes, for unit tests of classes that take <c>IOptionsMonitor</c>.</summary>
public sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
