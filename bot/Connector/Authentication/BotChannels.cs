namespace LearningBot.Connector.Authentication;

/// <summary>
/// The channels the bot serves: Microsoft Teams (<c>msteams</c>) only, and in the Development environment also the
/// Bot Framework Emulator (<c>emulator</c>). The Agents Playground is started as Teams (<c>-c msteams</c>, its default),
/// so it sends <c>msteams</c>. An authenticated activity from any other channel, such as Web Chat or Direct Line, whose
/// sender the client chooses, is refused with 403 (<see cref="BotAuthenticator"/>). Channel ids are compared exactly.
/// </summary>
public static class BotChannels
{
    public const string Teams = "msteams";

    public const string Emulator = "emulator";

    public static bool IsServed(string channelId, bool isDevelopment) =>
        string.Equals(channelId, Teams, StringComparison.Ordinal)
        || (isDevelopment && string.Equals(channelId, Emulator, StringComparison.Ordinal));
}
