namespace LearningBot.Connector.Client;

/// <summary>Error codes Teams returns from the Bot Connector API.</summary>
public static class TeamsErrorCodes
{
    public const string BadArgument = "BadArgument";
    public const string BotNotRegistered = "BotNotRegistered";
    public const string BotDisabledByAdmin = "BotDisabledByAdmin";
    public const string BotNotInConversationRoster = "BotNotInConversationRoster";
    public const string ConversationBlockedByUser = "ConversationBlockedByUser";
    public const string MessageWritesBlocked = "MessageWritesBlocked";
    public const string ConversationNotFound = "ConversationNotFound";
    public const string PreconditionFailed = "PreconditionFailed";
    public const string MessageSizeTooBig = "MessageSizeTooBig";
    public const string Throttled = "Throttled";
}
