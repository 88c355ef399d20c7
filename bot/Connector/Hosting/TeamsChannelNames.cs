using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// The name of the Teams channel a turn is in. Channel events carry it in <c>channelData.channel.name</c>, but messages
/// carry only the channel's id, so it is otherwise read from the team's channel list
/// (<c>GET v3/teams/{teamId}/conversations</c>), where the General channel is the one without a name.
/// </summary>
public static partial class TeamsChannelNames
{
    public const string General = "General";

    /// <summary>The channel's name, or null when it cannot be found: no team, a channel not in the list, or a failed call (logged).</summary>
    public static async Task<string?> FindAsync(ITurnContext turn, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var channelData = turn.Activity.GetTeamsChannelData();
        if (channelData.Channel?.Name is { Length: > 0 } sent)
        {
            return sent;
        }

        var channelId = channelData.Channel?.Id ?? ChannelRoot(turn.Activity.Conversation?.Id);
        if (channelData.Team?.Id is not { Length: > 0 } teamId || string.IsNullOrEmpty(channelId))
        {
            return null;
        }

        IReadOnlyList<ChannelInfo> channels;
        try
        {
            channels = await turn.Connector.GetTeamChannelsAsync(teamId, turn.Aborted);
        }
        catch (ConnectorException exception)
        {
            LogChannelsUnavailable(logger, exception.StatusCode is { } status ? (int)status : null, exception.Code);
            return null;
        }

        var channel = channels.FirstOrDefault(c => string.Equals(c.Id, channelId, StringComparison.Ordinal));
        return channel is null ? null : channel.Name is { Length: > 0 } name ? name : General;
    }

    private static string? ChannelRoot(string? conversationId)
    {
        var thread = conversationId?.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase) ?? -1;
        return thread < 0 ? conversationId : conversationId![..thread];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the team's channels to name the channel (status {Status}, code {Code})")]
    private static partial void LogChannelsUnavailable(ILogger logger, int? status, string? code);
}
