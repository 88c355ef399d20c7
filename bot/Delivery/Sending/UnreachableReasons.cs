namespace LearningBot.Delivery.Sending;

/// <summary>Why a recipient cannot be reached (<see cref="RecipientSendResult.Unreachable"/>), as the delivery report shows it.</summary>
public static class UnreachableReasons
{
    /// <summary>No Teams account or licence (a volunteer without Teams, for example): counted for the printed edition.</summary>
    public const string NoTeams = "no-teams";

    /// <summary>The organisation's app policy blocks the app for them, or the admin disabled the bot.</summary>
    public const string AppBlocked = "app-blocked";

    /// <summary>The directory no longer knows them.</summary>
    public const string LeftOrganisation = "left-organisation";

    /// <summary>They blocked the bot or removed the app; their choice is respected, the app is not installed again.</summary>
    public const string BotRemoved = "bot-removed";

    /// <summary>No conversation to send to: the channel is gone, or no chat can be opened with them.</summary>
    public const string NoConversation = "no-conversation";
}
