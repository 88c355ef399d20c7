using System.Collections.Frozen;
using System.Diagnostics;
using OpenTelemetry;

namespace LearningBot.Telemetry;

/// <summary>
/// Runs on every span before any exporter sees it (ASP.NET Core requests, HttpClient calls to the Bot Connector, Graph
/// and storage, Azure SDK spans such as <c>Azure.Data.Tables.*</c> and <c>Azure.Core.Http</c>, and the bot's own):
/// URLs and paths become templates without ids, query strings and user attributes are dropped, other text values and
/// the span's name are scrubbed of ids and secrets (<see cref="TelemetryRedaction.Text"/>), and its status description,
/// often an exception's message, is scrubbed as log messages are (<see cref="TelemetryRedaction.FreeText"/>).
/// </summary>
public sealed class SpanRedactionProcessor : BaseProcessor<Activity>
{
    /// <summary>Tags holding a whole URL.</summary>
    private static readonly FrozenSet<string> UrlTags = FrozenSet.Create(StringComparer.Ordinal,
        "url.full", "http.url", "url.original", "http.request.uri");

    /// <summary>Tags holding a path (and, for the old conventions, a query).</summary>
    private static readonly FrozenSet<string> PathTags = FrozenSet.Create(StringComparer.Ordinal,
        "url.path", "http.target");

    /// <summary>Tags never exported: query strings, the signed-in user, raw statements.</summary>
    private static readonly FrozenSet<string> DroppedTags = FrozenSet.Create(StringComparer.Ordinal,
        "url.query", "url.fragment", "enduser.id", "enduser.pseudo.id", "enduser.role", "enduser.scope", "user.id",
        "user.name", "user.email", "user.full_name", "user.hash", "db.statement", "db.query.text", "messaging.message.body");

    public override void OnEnd(Activity data)
    {
        if (ChangedName(data.DisplayName) is { } name)
        {
            data.DisplayName = name;
        }

        List<KeyValuePair<string, object?>>? changes = null;
        string? route = null;
        foreach (ref readonly var tag in data.EnumerateTagObjects())
        {
            if (tag.Key == "http.route" && tag.Value is string template)
            {
                route = template;
            }

            if (Changed(tag.Key, tag.Value, out var replacement))
            {
                (changes ??= []).Add(new KeyValuePair<string, object?>(tag.Key, replacement));
            }
        }

        if (changes is not null)
        {
            foreach (var (key, value) in changes)
            {
                // SetTag changes the first tag of a name only; a name added twice (AddTag) must not keep its second value.
                while (data.GetTagItem(key) is not null)
                {
                    data.SetTag(key, null);
                }

                if (value is not null)
                {
                    data.SetTag(key, value);
                }
            }
        }

        // An inbound request's path is best named by the route that matched it (e.g. /reviews/{id}/print).
        if (route is not null && data.GetTagItem("url.path") is not null)
        {
            data.SetTag("url.path", route);
        }

        if (!string.IsNullOrEmpty(data.StatusDescription))
        {
            data.SetStatus(data.Status, TelemetryRedaction.FreeText(data.StatusDescription));
        }
    }

    /// <summary>The replacement for a tag (null removes it), or false to keep it as it is.</summary>
    internal static bool Changed(string key, object? value, out object? replacement)
    {
        replacement = null;
        if (DroppedTags.Contains(key) || key.StartsWith("http.request.header.", StringComparison.Ordinal)
            || key.StartsWith("http.response.header.", StringComparison.Ordinal))
        {
            return true;
        }

        if (value is not string text || text.Length == 0)
        {
            return false;
        }

        replacement = UrlTags.Contains(key) ? TelemetryRedaction.Url(text)
            : PathTags.Contains(key) ? TelemetryRedaction.Path(text)
            : TelemetryRedaction.LooksLikeUrl(text) ? TelemetryRedaction.Url(text)
            : TelemetryRedaction.MayCarryId(text) ? TelemetryRedaction.Text(text)
            : text;
        return !ReferenceEquals(replacement, text) && !string.Equals((string)replacement, text, StringComparison.Ordinal);
    }

    /// <summary>A span name with URLs, paths and ids templated, or null when it needs no change.</summary>
    internal static string? ChangedName(string name)
    {
        if (string.IsNullOrEmpty(name) || !TelemetryRedaction.MayCarryId(name))
        {
            return null;
        }

        var parts = name.Split(' ');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            parts[i] = TelemetryRedaction.LooksLikeUrl(part) ? TelemetryRedaction.Url(part)
                : part.StartsWith('/') ? TelemetryRedaction.Path(part)
                : TelemetryRedaction.Text(part);
        }

        var redacted = string.Join(' ', parts);
        return redacted == name ? null : redacted;
    }
}
