using System.Diagnostics;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using Activity = LearningBot.Connector.Schema.Activity;
using Span = System.Diagnostics.Activity;

namespace LearningBot.Telemetry;

/// <summary>
/// One inbound activity's span (<c>turn</c>) and metrics. Made only when a tracer or meter listens
/// (<see cref="StartIfObserved"/> returns null otherwise), so an unobserved turn allocates nothing for telemetry.
/// </summary>
internal sealed class TurnTelemetry
{
    public const string SpanName = "turn";

    private readonly Span? _span;
    private readonly long _started = Stopwatch.GetTimestamp();

    private TurnTelemetry(Span? span) => _span = span;

    public string ActivityType { get; private set; } = "unknown";

    public string ConversationType { get; private set; } = "unknown";

    /// <summary>The route the router chose, when it got that far.</summary>
    public BotRoute? Route { get; set; }

    /// <summary>One of <see cref="TurnOutcomes"/>; a turn that ends in an exception stays <see cref="TurnOutcomes.Failed"/>.</summary>
    public string Outcome { get; set; } = TurnOutcomes.Failed;

    /// <summary>Set when a capability threw and the person was told something went wrong.</summary>
    public bool Failed { get; set; }

    public static TurnTelemetry? StartIfObserved() =>
        BotTelemetry.TurnsObserved ? new TurnTelemetry(BotTelemetry.Source.StartActivity(SpanName)) : null;

    /// <summary>Notes the activity's type and conversation type (fixed vocabularies, never ids or text).</summary>
    public void Describe(Activity activity)
    {
        ActivityType = ActivityTypeTag(activity.Type);
        ConversationType = ConversationTypeTag(activity.Conversation?.ConversationType);
    }

    /// <summary>The outcome of a turn the router ran to the end.</summary>
    public void Completed(bool duplicate)
    {
        Outcome = duplicate ? TurnOutcomes.Duplicate
            : Failed ? TurnOutcomes.Failed
            : Route is not { } route ? TurnOutcomes.Unhandled
            : route.IsRejected ? TurnOutcomes.Rejected
            : route.IsForbidden ? TurnOutcomes.Forbidden
            : route.IsHandled ? TurnOutcomes.Ok
            : TurnOutcomes.Unhandled;
    }

    public void Stop()
    {
        var capability = Route?.Capability ?? BotRoute.NoCapability;
        var routeKind = Route?.Kind ?? "none";
        var routeName = Route?.Name ?? "none";
        if (_span is not null)
        {
            _span.SetTag(TelemetryTags.ActivityType, ActivityType);
            _span.SetTag(TelemetryTags.ConversationType, ConversationType);
            _span.SetTag(TelemetryTags.RouteKind, routeKind);
            _span.SetTag(TelemetryTags.Route, routeName);
            _span.SetTag(TelemetryTags.Capability, capability);
            _span.SetTag(TelemetryTags.Outcome, Outcome);
            if (Outcome == TurnOutcomes.Failed)
            {
                _span.SetStatus(ActivityStatusCode.Error);
            }

            _span.Dispose();
        }

        if (BotTelemetry.Turns.Enabled || BotTelemetry.TurnDuration.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryTags.ActivityType, ActivityType },
                { TelemetryTags.RouteKind, routeKind },
                { TelemetryTags.Route, routeName },
                { TelemetryTags.Capability, capability },
                { TelemetryTags.Outcome, Outcome },
            };
            BotTelemetry.Turns.Add(1, tags);
            BotTelemetry.TurnDuration.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, tags);
        }
    }

    internal static string ActivityTypeTag(string? type) => type switch
    {
        ActivityTypes.Message => ActivityTypes.Message,
        ActivityTypes.Invoke => ActivityTypes.Invoke,
        ActivityTypes.ConversationUpdate => ActivityTypes.ConversationUpdate,
        ActivityTypes.InstallationUpdate => ActivityTypes.InstallationUpdate,
        ActivityTypes.MessageReaction => ActivityTypes.MessageReaction,
        ActivityTypes.MessageUpdate => ActivityTypes.MessageUpdate,
        ActivityTypes.MessageDelete => ActivityTypes.MessageDelete,
        ActivityTypes.Typing => ActivityTypes.Typing,
        ActivityTypes.Event => ActivityTypes.Event,
        ActivityTypes.EndOfConversation => ActivityTypes.EndOfConversation,
        null or "" => "unknown",
        _ => "other",
    };

    internal static string ConversationTypeTag(string? type) => type switch
    {
        "personal" => "personal",
        "groupChat" => "groupChat",
        "channel" => "channel",
        null or "" => "unknown",
        _ => "other",
    };
}
