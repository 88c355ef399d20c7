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

    /// <summary>Table and queue storage calls as the bot sees them (recorded by <see cref="StorageLatencyPolicy"/>).</summary>
    public static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>(
        "learningbot.storage.duration", "ms", "Table and queue storage calls, by table or queue, method and status.");

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
