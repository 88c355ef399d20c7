namespace LearningBot.Delivery;

public static class RecipientKinds
{
    /// <summary>A person: their 1:1 chat with the bot, created (and the app installed for them) when there is none.</summary>
    public const string Person = "person";

    /// <summary>A channel: a new post in a stored channel conversation.</summary>
    public const string Channel = "channel";
}
