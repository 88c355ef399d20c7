using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace LearningBot.Telemetry;

/// <summary>
/// Runs on every log record before any exporter sees it. Only a safe allow-list of structured values is exported:
/// numbers, times and booleans, the bot's own references and fixed vocabularies (<see cref="VerbatimNames"/>), and
/// a few texts from services and configuration, scrubbed (<see cref="ScrubbedNames"/>). Everything else (people's
/// and conversations' ids, names, question text, card data) is dropped, and the message is rebuilt from its template
/// with the dropped values left as <c>{Name}</c>. Messages without a template (Azure SDK events) are scrubbed of URLs
/// and ids, and so are exception messages (<see cref="RedactedException"/>).
/// </summary>
public sealed class LogRedactionProcessor : BaseProcessor<LogRecord>
{
    public const string OriginalFormat = "{OriginalFormat}";

    /// <summary>Added when an exception had to be replaced: its type and stack trace (code locations only).</summary>
    public const string ExceptionType = "ExceptionType";

    public const string ExceptionStackTrace = "ExceptionStackTrace";

    /// <summary>
    /// Parameter names whose string values are exported as they are: the bot's own references (failure reference,
    /// ticket LD-XXXX-XXXX, question, review and article ids) and its fixed vocabularies. A new log parameter that is
    /// listed nowhere is not exported; list it only if it can never hold a person's id, a name or text someone typed.
    /// </summary>
    public static readonly FrozenSet<string> VerbatimNames = FrozenSet.Create(StringComparer.Ordinal,
        "Operation", "Method", "Status", "StatusCode", "Table", "Kind", "Rating",
        "Reference", "TicketId", "QuestionId", "ReviewId", "ArticleId", "CardNames", "Interval", "Role", "Outcome");

    /// <summary>
    /// Parameter names whose string values come from a service, the wire or configuration, exported after
    /// <see cref="TelemetryRedaction.Text"/> (URLs templated, ids and quoted values removed).
    /// </summary>
    public static readonly FrozenSet<string> ScrubbedNames = FrozenSet.Create(StringComparer.Ordinal,
        "Code", "SubCode", "Reason", "ActivityType", "InvokeName", "Verb", "Failure", "Problem",
        "MetadataUrl", "Path", "CardDirectory", "KnowledgeFolder", "Route");

    public override void OnEnd(LogRecord data)
    {
        string? template = null;
        List<KeyValuePair<string, object?>>? kept = null;
        var dropped = false;
        if (data.Attributes is { Count: > 0 } attributes)
        {
            kept = new List<KeyValuePair<string, object?>>(attributes.Count + 2);
            foreach (var (key, value) in attributes)
            {
                if (key == OriginalFormat)
                {
                    template = value as string;
                    kept.Add(new KeyValuePair<string, object?>(key, value));
                }
                else if (TrySafe(key, value, out var safe))
                {
                    kept.Add(new KeyValuePair<string, object?>(key, safe));
                }
                else
                {
                    dropped = true;
                }
            }
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

        // An exception whose messages are already clean is kept, so its type and stack trace export as they are.
        if (data.Exception is { } exception and not RedactedException && NeedsRedaction(exception))
        {
            data.Exception = RedactedException.From(exception);
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

    /// <summary>Whether a value may be exported, and in what form.</summary>
    internal static bool TrySafe(string name, object? value, out object? safe)
    {
        safe = value switch
        {
            null => null,
            string text when VerbatimNames.Contains(name) => text,
            string text when ScrubbedNames.Contains(name) => TelemetryRedaction.MayCarryId(text) ? TelemetryRedaction.Text(text) : text,
            string => null,
            bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => value,
            DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly => value,
            Enum => value.ToString(),
            _ => null,
        };
        return value is null || safe is not null;
    }

    /// <summary>True when a message anywhere in the exception's chain would change under <see cref="TelemetryRedaction.Text"/>.</summary>
    internal static bool NeedsRedaction(Exception exception, int depth = 0)
    {
        if (depth > 8 || TelemetryRedaction.Text(exception.Message) != exception.Message)
        {
            return true;
        }

        if (exception is AggregateException aggregate)
        {
            return aggregate.InnerExceptions.Any(inner => NeedsRedaction(inner, depth + 1));
        }

        return exception.InnerException is { } innerException && NeedsRedaction(innerException, depth + 1);
    }

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
            if (!TryFind(values, name, out var value))
            {
                builder.Append('{').Append(name).Append('}');
            }
            else if (value is null)
            {
                builder.Append("(null)");
            }
            else
            {
                builder.Append(value is IFormattable formattable
                    ? formattable.ToString(format, CultureInfo.InvariantCulture)
                    : Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            i = close;
        }

        return builder.ToString();
    }

    private static bool TryFind(IReadOnlyList<KeyValuePair<string, object?>> values, string name, out object? found)
    {
        foreach (var (key, value) in values)
        {
            if (key != OriginalFormat && string.Equals(key, name, StringComparison.Ordinal))
            {
                found = value;
                return true;
            }
        }

        found = null;
        return false;
    }
}
