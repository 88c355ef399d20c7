namespace LearningBot.Telemetry;

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
