namespace LearningBot.Connector.Client;

/// <summary>
/// How many requests this instance has made to the Bot Connector, replies and proactive sends alike. Teams counts them
/// all against the bot's per-tenant limit, so the delivery budget leaves room for the ones it did not hand out itself.
/// </summary>
public sealed class ConnectorTraffic
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    public void Count() => Interlocked.Increment(ref _requests);
}
