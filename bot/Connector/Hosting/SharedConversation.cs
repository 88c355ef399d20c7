using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>Where everyone in the conversation sees the bot's answers: a channel or a group chat.</summary>
public static class SharedConversation
{
    /// <summary>The answer to a personal command typed where others would see the reply.</summary>
    public const string PersonalNotice =
        "That's personal to you, so I only show it in your own chat with me. Open a chat with LearningBot and type it there.";

    /// <summary>True in a channel or group chat (or any conversation Teams marks as a group).</summary>
    public static bool Is(Activity activity) =>
        activity.Conversation is { } conversation
        && (conversation.ConversationType is "channel" or "groupChat" || conversation.IsGroup == true);

    /// <summary>A command about the caller's own things: in a shared conversation it answers with <see cref="PersonalNotice"/> instead.</summary>
    public static TurnHandler PersonalOnly(TurnHandler handler) =>
        turn => Is(turn.Activity) ? turn.SendTextAsync(PersonalNotice) : handler(turn);
}
