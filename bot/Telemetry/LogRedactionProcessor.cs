using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace LearningBot.Telemetry;

/// <summary>
/// Runs on every log record before any exporter sees it. Only a safe allow-list of structured values is exported:
/// numbers, times and booleans, and strings whose parameter name is in <see cref="SafeStringNames"/> (operation names,
/// status codes, ticket references, counts…). Everything else (people's and conversations' ids, names, question text,
/// card data) is dropped, and the message is rebuilt from its template with the dropped values left as
/// <c>{Name}</c>. Messages without a template (Azure SDK events) and exceptions are scrubbed of URLs and ids.
/// </summary>
public sealed class LogRedactionProcessor : BaseProcessor<LogRecord>
{
    public const string OriginalFormat = "{OriginalFormat}";

    /// <summary>
    /// Parameter names whose string values are safe to export: they come from the bot's fixed vocabularies, its own
    /// references, the service's error codes, or configuration. A new log parameter that is not listed here is not
    /// exported; add it only if it can never hold a person's id, a name or text someone typed.
    /// </summary>
    public static readonly FrozenSet<string> SafeStringNames = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        // Bot Connector, storage and HTTP
        "Operation", "Method", "Status", "StatusCode", "Code", "SubCode", "Reason", "Table", "Kind",
        // the turn and its route (fixed vocabularies)
        "ActivityType", "InvokeName", "Verb", "Rating",
        // the bot's own references: failure reference, ticket (LD-XXXX-XXXX), question, review, article
        "Reference", "TicketId", "QuestionId", "ReviewId", "ArticleId",
        // start-up and configuration
        "CardNames", "CardDirectory", "KnowledgeFolder", "MetadataUrl", "Path", "Interval", "Failure", "Problem");

    public override void OnEnd(LogRecord data)
    {
        string? template = null;
        List<KeyValuePair<string, object?>>? kept = null;
        var dropped = false;
        if (data.Attributes is { Count: > 0 } attributes)
        {
            kept = new List<KeyValuePair<string, object?>>(attributes.Count);
            foreach (var (key, value) in attributes)
            {
                if (key == OriginalFormat)
                {
                    template = value as string;
                    kept.Add(new KeyValuePair<string, object?>(key, value));
                }
                else if (Safe(key, value) is { } safe)
                {
                    kept.Add(new KeyValuePair<string, object?>(key, safe));
                }
                else
                {
                    dropped = true;
                }
            }

            data.Attributes = kept;
        }

        if (template is not null)
        {
            // The message is the template with only the exported values in it.
            if (data.FormattedMessage is not null || dropped)
            {
                data.FormattedMessage = Render(template, kept!);
            }
        }
        else
        {
            if (data.FormattedMessage is not null)
            {
                data.FormattedMessage = TelemetryRedaction.Text(data.FormattedMessage);
            }

            if (data.Body is not null)
            {
                data.Body = TelemetryRedaction.Text(data.Body);
            }
        }

        if (data.Exception is { } exception and not RedactedException)
        {
            data.Exception = RedactedException.From(exception);
        }
    }

    /// <summary>The value to export for a parameter, or null to drop it.</summary>
    internal static object? Safe(string name, object? value) => value switch
    {
        null => null,
        string text when SafeStringNames.Contains(name) => TelemetryRedaction.MayCarryId(text) ? TelemetryRedaction.Text(text) : text,
        string => null,
        bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => value,
        DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly => value,
        Enum => value.ToString(),
        _ => null,
    };

    /// <summary>Fills a message template's holes with the exported values; a dropped value stays as <c>{Name}</c>.</summary>
    internal static string Render(string template, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var builder = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var character = template[i];
            if ((character is '{' or '}') && i + 1 < template.Length && template[i + 1] == character)
            {
                builder.Append(character);
                i++;
                continue;
            }

            var close = character == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                builder.Append(character);
                continue;
            }

            var hole = template.AsSpan(i + 1, close - i - 1);
            var formatAt = hole.IndexOfAny(':', ',');
            var name = (formatAt < 0 ? hole : hole[..formatAt]).ToString();
            var format = formatAt >= 0 && hole[formatAt] == ':' ? hole[(formatAt + 1)..].ToString() : null;
            if (Find(values, name) is { } value)
            {
                builder.Append(value is IFormattable formattable
                    ? formattable.ToString(format, CultureInfo.InvariantCulture)
                    : Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append('{').Append(name).Append('}');
            }

            i = close;
        }

        return builder.ToString();
    }

    private static object? Find(IReadOnlyList<KeyValuePair<string, object?>> values, string name)
    {
        foreach (var (key, value) in values)
        {
            if (key != OriginalFormat && string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>
/// Stands in for an exception in exported telemetry: the original type's name, its message scrubbed by
/// <see cref="TelemetryRedaction.Text"/>, its stack trace, and its inner exceptions treated the same way.
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
            TelemetryRedaction.Text(exception.Message),
            exception.StackTrace,
            inner);
    }
}
