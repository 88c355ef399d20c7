using OpenTelemetry;
using OpenTelemetry.Logs;

namespace LearningBot.Telemetry;

/// <summary>
/// Runs on every log record before any exporter sees it, applying <see cref="LogRedaction"/>: only the allow-listed
/// values are exported, the message is rebuilt from its (scrubbed) template without the others, messages without a
/// template are scrubbed, and so are exception messages (<see cref="RedactedException"/>).
/// </summary>
public sealed class LogRedactionProcessor : BaseProcessor<LogRecord>
{
    public const string OriginalFormat = LogRedaction.OriginalFormat;

    /// <summary>Added when an exception had to be replaced: its type and stack trace (code locations only).</summary>
    public const string ExceptionType = "ExceptionType";

    public const string ExceptionStackTrace = "ExceptionStackTrace";

    public override void OnEnd(LogRecord data)
    {
        List<KeyValuePair<string, object?>>? kept = null;
        string? message = null;
        if (data.Attributes is { Count: > 0 } attributes)
        {
            kept = new List<KeyValuePair<string, object?>>(attributes.Count + 2);
            message = LogRedaction.Render(attributes, kept);
        }

        if (message is not null)
        {
            // The message is the template with only the exported values in it.
            var dropped = kept!.Count < data.Attributes!.Count;
            var template = (string?)kept.Find(pair => pair.Key == OriginalFormat).Value;
            if (data.FormattedMessage is not null || dropped || !string.Equals(template, data.Body, StringComparison.Ordinal))
            {
                data.FormattedMessage = message;
            }

            data.Body = template;
        }
        else
        {
            if (data.FormattedMessage is not null)
            {
                data.FormattedMessage = TelemetryRedaction.FreeText(data.FormattedMessage);
            }

            if (data.Body is not null)
            {
                data.Body = TelemetryRedaction.FreeText(data.Body);
            }
        }

        // An exception whose messages are already clean is kept, so its type and stack trace export as they are.
        if (data.Exception is { } exception && LogRedaction.Exception(exception) is RedactedException redacted && !ReferenceEquals(redacted, exception))
        {
            data.Exception = redacted;
            kept ??= [];
            kept.Add(new KeyValuePair<string, object?>(ExceptionType, exception.GetType().FullName));
            if (exception.StackTrace is { } stackTrace)
            {
                kept.Add(new KeyValuePair<string, object?>(ExceptionStackTrace, stackTrace));
            }
        }

        if (kept is not null)
        {
            data.Attributes = kept;
        }
    }
}
