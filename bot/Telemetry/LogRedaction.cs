using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace LearningBot.Telemetry;

/// <summary>
/// The one rule set for what a log entry may show, wherever it is written: the exporter (<see cref="LogRedactionProcessor"/>)
/// and the console (<see cref="RedactedConsoleFormatter"/>). Only a safe allow-list of structured values is shown:
/// numbers, times and booleans, the bot's own references and fixed vocabularies (<see cref="VerbatimNames"/>), request
/// paths as templates (<see cref="PathNames"/>), and a few texts from services and configuration, scrubbed
/// (<see cref="ScrubbedNames"/>). Everything else (people's and conversations' ids, names, question text, card data) is
/// dropped, and the message is rebuilt from its template with the dropped values left as <c>{Name}</c>; the template's
/// own text is scrubbed too (<see cref="TelemetryRedaction.Template"/>). Messages without a template (Azure SDK events)
/// and exception messages are scrubbed with <see cref="TelemetryRedaction.FreeText"/>.
/// </summary>
public static class LogRedaction
{
    public const string OriginalFormat = "{OriginalFormat}";

    /// <summary>
    /// Parameter names whose string values are shown as they are: the bot's own references (failure reference,
    /// ticket LD-XXXX-XXXX, question, review, article, delivery, signal, good-practice example, directory offer and session
    /// ids, queue message ids), its fixed vocabularies (a delivery's purpose, background job names, the
    /// embedding model's name), and the host's own request and trace ids. A new log parameter that is listed nowhere is
    /// not shown; list it only if it can never hold a person's id, a name or text someone typed.
    /// </summary>
    public static readonly FrozenSet<string> VerbatimNames = FrozenSet.Create(StringComparer.Ordinal,
        "Operation", "Method", "Status", "StatusCode", "Table", "Kind", "Rating",
        "Reference", "TicketId", "QuestionId", "ReviewId", "ArticleId", "DeliveryId", "Purpose", "SignalId", "ExampleId",
        "OfferId", "SessionId", "MessageId", "CardNames", "Interval", "Role", "Outcome", "Job", "Model",
        "TraceId", "SpanId", "ParentId", "RequestId", "ConnectionId", "EnvName", "HttpMethod");

    /// <summary>
    /// Parameter names whose string values come from a service, the wire or configuration, shown after
    /// <see cref="TelemetryRedaction.FreeText"/> (URLs templated, secrets, ids, quoted values and personal data removed).
    /// </summary>
    public static readonly FrozenSet<string> ScrubbedNames = FrozenSet.Create(StringComparer.Ordinal,
        "Code", "SubCode", "Reason", "ActivityType", "InvokeName", "Verb", "Failure", "Problem",
        "MetadataUrl", "Path", "CardDirectory", "KnowledgeFolder", "Route", "address", "ContentRoot");

    /// <summary>Parameter names holding a request path, shown as a template without ids or query (<see cref="TelemetryRedaction.Path"/>).</summary>
    public static readonly FrozenSet<string> PathNames = FrozenSet.Create(StringComparer.Ordinal, "RequestPath", "PathBase");

    private const int MaxCachedTemplates = 4096;

    private static readonly ConcurrentDictionary<string, string> Templates = new(StringComparer.Ordinal);

    /// <summary>
    /// The message to show for a log entry's state: rebuilt from its template when it has one (the values kept are
    /// added to <paramref name="kept"/>, when given), else <paramref name="formatted"/> scrubbed.
    /// </summary>
    public static string Message<TState>(TState state, Func<string?> formatted, List<KeyValuePair<string, object?>>? kept = null)
    {
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values && Render(values, kept) is { } message)
        {
            return message;
        }

        return TelemetryRedaction.FreeText(formatted());
    }

    /// <summary>The entry rebuilt from its template with only the safe values in it; null when it has no template.</summary>
    public static string? Render(IReadOnlyList<KeyValuePair<string, object?>> values, List<KeyValuePair<string, object?>>? kept = null)
    {
        string? template = null;
        var safeValues = new List<KeyValuePair<string, object?>>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var (key, value) = values[i];
            if (key == OriginalFormat)
            {
                template = value is string format ? SafeTemplate(format) : null;
                kept?.Add(new KeyValuePair<string, object?>(key, template ?? value));
            }
            else if (TrySafe(key, value, out var safe))
            {
                var pair = new KeyValuePair<string, object?>(key, safe);
                safeValues.Add(pair);
                kept?.Add(pair);
            }
        }

        return template is null ? null : Render(template, safeValues);
    }

    /// <summary>Whether a value may be shown, and in what form.</summary>
    public static bool TrySafe(string name, object? value, out object? safe)
    {
        safe = value switch
        {
            null => null,
            string text when VerbatimNames.Contains(name) => text,
            string text when ScrubbedNames.Contains(name) => TelemetryRedaction.FreeText(text),
            string text when PathNames.Contains(name) => TelemetryRedaction.Path(text),
            PathString path when PathNames.Contains(name) => TelemetryRedaction.Path(path.Value ?? string.Empty),
            string => null,
            bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => value,
            DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly => value,
            Enum => value.ToString(),
            _ => null,
        };
        return value is null || safe is not null;
    }

    /// <summary>The exception as it may be shown: itself when every message in its chain is clean, else a <see cref="RedactedException"/>.</summary>
    public static Exception Exception(Exception exception) =>
        exception is RedactedException || !NeedsRedaction(exception) ? exception : RedactedException.From(exception);

    /// <summary>True when a message anywhere in the exception's chain would change under <see cref="TelemetryRedaction.FreeText"/>.</summary>
    public static bool NeedsRedaction(Exception exception, int depth = 0)
    {
        if (depth > 8 || TelemetryRedaction.FreeText(exception.Message) != exception.Message)
        {
            return true;
        }

        if (exception is AggregateException aggregate)
        {
            return aggregate.InnerExceptions.Any(inner => NeedsRedaction(inner, depth + 1));
        }

        return exception.InnerException is { } innerException && NeedsRedaction(innerException, depth + 1);
    }

    /// <summary>
    /// A scope as it may be shown: a template scope rebuilt like a message; name/value pairs with the unsafe values
    /// left as <c>{Name}</c> (ASP.NET Core's <c>RequestPath:… RequestId:…</c>); any other text scrubbed.
    /// </summary>
    public static string Scope(object? scope)
    {
        if (scope is IReadOnlyList<KeyValuePair<string, object?>> list && Render(list) is { } rendered)
        {
            return rendered;
        }

        if (scope is IEnumerable<KeyValuePair<string, object?>> values)
        {
            var text = new StringBuilder();
            foreach (var (key, value) in values)
            {
                text.Append(text.Length == 0 ? string.Empty : " ").Append(key).Append(':');
                if (TrySafe(key, value, out var safe))
                {
                    Append(text, safe, null);
                }
                else
                {
                    text.Append('{').Append(key).Append('}');
                }
            }

            return text.ToString();
        }

        return TelemetryRedaction.FreeText(Convert.ToString(scope, CultureInfo.InvariantCulture));
    }

    /// <summary>Fills a message template's holes with the shown values; a dropped value stays as <c>{Name}</c>.</summary>
    public static string Render(string template, IReadOnlyList<KeyValuePair<string, object?>> values)
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
            else
            {
                Append(builder, value, format);
            }

            i = close;
        }

        return builder.ToString();
    }

    /// <summary>
    /// The template with its literal text scrubbed; remembered, as templates are few and fixed (a template built
    /// from data, beyond the first few thousand, is scrubbed each time).
    /// </summary>
    internal static string SafeTemplate(string template)
    {
        if (Templates.TryGetValue(template, out var safe))
        {
            return safe;
        }

        safe = TelemetryRedaction.Template(template);
        if (Templates.Count < MaxCachedTemplates)
        {
            Templates.TryAdd(template, safe);
        }

        return safe;
    }

    private static void Append(StringBuilder builder, object? value, string? format)
    {
        if (value is null)
        {
            builder.Append("(null)");
            return;
        }

        builder.Append(value is IFormattable formattable
            ? formattable.ToString(format, CultureInfo.InvariantCulture)
            : Convert.ToString(value, CultureInfo.InvariantCulture));
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
