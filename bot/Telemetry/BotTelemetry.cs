using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LearningBot.Telemetry;

/// <summary>
/// The bot's own spans (ActivitySource <c>LearningBot</c>) and metrics (Meter <c>LearningBot</c>).
/// Both cost next to nothing when nobody listens: <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null and instruments report <see cref="Instrument.Enabled"/> false, and every caller checks before
/// building tags. Only values from a small fixed vocabulary go into names and tags (see <see cref="TelemetryTags"/>).
/// </summary>
public static class BotTelemetry
{
    public const string Name = "LearningBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Inbound activities, tagged with activity type, route, capability and outcome.</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>(
        "learningbot.turns", "{turn}", "Inbound activities by activity type, route, capability and outcome.");

    /// <summary>How long the bot took over an inbound activity, from the request to the answer.</summary>
    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>(
        "learningbot.turn.duration", "ms", "Time from receiving an activity to answering it.");

    /// <summary>Bot Connector answers with 429 Too Many Requests.</summary>
    public static readonly Counter<long> ConnectorThrottled = Meter.CreateCounter<long>(
        "learningbot.connector.throttled", "{response}", "Bot Connector calls answered with 429 Too Many Requests.");

    /// <summary>Bot Connector calls tried again (after 429, 412, 5xx, timeouts or connection failures).</summary>
    public static readonly Counter<long> ConnectorRetries = Meter.CreateCounter<long>(
        "learningbot.connector.retries", "{retry}", "Bot Connector calls tried again, by operation and the status that caused it.");

    /// <summary>Table storage calls as the bot sees them (recorded by <see cref="StorageLatencyPolicy"/>).</summary>
    public static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>(
        "learningbot.storage.duration", "ms", "Table storage calls, by table, method and status.");

    /// <summary>True when a tracer or a meter listens to the turn, so a turn's telemetry is worth collecting.</summary>
    internal static bool TurnsObserved => Source.HasListeners() || Turns.Enabled || TurnDuration.Enabled;

    /// <summary>For exception filters: marks the span failed with the exception's type only (never its message), and returns false.</summary>
    internal static bool RecordFailure(Activity? span, Exception exception)
    {
        if (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error);
            span.SetTag(TelemetryTags.ErrorType, exception.GetType().FullName);
            span.SetTag(TelemetryTags.Outcome, TurnOutcomes.Failed);
        }

        return false;
    }
}

/// <summary>Tag names the bot uses. Values are always from a fixed vocabulary, never text people typed or ids.</summary>
public static class TelemetryTags
{
    /// <summary>The activity type, or <c>other</c> for a type the bot does not know.</summary>
    public const string ActivityType = "bot.activity.type";

    /// <summary><c>personal</c>, <c>groupChat</c>, <c>channel</c> or <c>other</c>.</summary>
    public const string ConversationType = "bot.conversation.type";

    /// <summary>How the router chose: <c>command</c>, <c>message</c>, <c>card_action</c>, <c>invoke</c>, <c>activity</c> or <c>none</c>.</summary>
    public const string RouteKind = "bot.route.kind";

    /// <summary>What the router chose, as registered by a capability: a command's name, a card verb, an invoke name, an activity type.</summary>
    public const string Route = "bot.route";

    /// <summary>The capability that handled the turn (<c>Welcome</c>, <c>OneStopShop</c>, …) or <c>none</c>.</summary>
    public const string Capability = "bot.capability";

    /// <summary>One of <see cref="TurnOutcomes"/>.</summary>
    public const string Outcome = "bot.outcome";

    /// <summary>A Bot Connector operation, e.g. <c>ReplyToActivity</c>.</summary>
    public const string ConnectorOperation = "bot.connector.operation";

    /// <summary>How many HTTP attempts a Bot Connector operation took.</summary>
    public const string ConnectorAttempts = "bot.connector.attempts";

    /// <summary>The table a storage call went to (table names are the bot's own, fixed).</summary>
    public const string StorageTable = "bot.storage.table";

    public const string HttpMethod = "http.request.method";
    public const string HttpStatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";
}

/// <summary>Values of <see cref="TelemetryTags.Outcome"/>.</summary>
public static class TurnOutcomes
{
    /// <summary>A capability handled the activity.</summary>
    public const string Ok = "ok";

    /// <summary>No capability handles this activity (unknown command, verb, invoke or activity type).</summary>
    public const string Unhandled = "unhandled";

    /// <summary>Refused before any capability ran: malformed, not authenticated, not allowed, or an invalid card action.</summary>
    public const string Rejected = "rejected";

    /// <summary>The route requires a role the caller does not hold; they were told so and no handler ran.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>A capability threw; the person was told something went wrong.</summary>
    public const string Failed = "failed";

    /// <summary>A redelivery of an activity already processed; answered from the first run.</summary>
    public const string Duplicate = "duplicate";
}
