namespace LearningBot.Telemetry;

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

    /// <summary>The queue a storage call went to (queue names are the bot's own, fixed).</summary>
    public const string StorageQueue = "bot.storage.queue";

    public const string HttpMethod = "http.request.method";
    public const string HttpStatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";
}
