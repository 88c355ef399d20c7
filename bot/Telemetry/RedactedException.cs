using System.Text;

namespace LearningBot.Telemetry;

/// <summary>
/// Stands in for an exception in exported telemetry: the original type's name, its message scrubbed by
/// <see cref="TelemetryRedaction.FreeText"/>, its stack trace, and its inner exceptions treated the same way.
/// </summary>
public sealed class RedactedException : Exception
{
    private const int MaxDepth = 8;

    private readonly string? _stackTrace;

    private RedactedException(string originalType, string message, string? stackTrace, Exception? inner)
        : base(message, inner)
    {
        OriginalType = originalType;
        _stackTrace = stackTrace;
    }

    /// <summary>The full name of the exception's type, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string OriginalType { get; }

    public override string? StackTrace => _stackTrace;

    public static RedactedException From(Exception exception) => From(exception, 0);

    public override string ToString()
    {
        var text = new StringBuilder().Append(OriginalType).Append(": ").Append(Message);
        if (InnerException is not null)
        {
            text.Append(" ---> ").Append(InnerException).Append(Environment.NewLine).Append("   --- End of inner exception stack trace ---");
        }

        if (_stackTrace is not null)
        {
            text.Append(Environment.NewLine).Append(_stackTrace);
        }

        return text.ToString();
    }

    private static RedactedException From(Exception exception, int depth)
    {
        var inner = exception.InnerException is { } innerException && depth < MaxDepth ? From(innerException, depth + 1) : null;
        return new RedactedException(
            exception.GetType().FullName ?? exception.GetType().Name,
            TelemetryRedaction.FreeText(exception.Message),
            exception.StackTrace,
            inner);
    }
}
