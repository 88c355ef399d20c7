using System.Collections.Concurrent;
using System.Net;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Who may act for the L&amp;D team: people listed in <c>LearningHub:SupportTeam</c>, and (optionally) members of the
/// team that owns the expert channel, as Teams reports them (remembered for a few minutes).
/// </summary>
public sealed class SupportTeam
{
    private readonly IOptionsMonitor<LearningHubOptions> _team;
    private readonly IOptionsMonitor<EscalationOptions> _options;
    private readonly ExpertChannelStore _channels;
    private readonly IConnectorClientFactory _connectors;
    private readonly TimeProvider _clock;
    private readonly ILogger<SupportTeam> _logger;
    private readonly ConcurrentDictionary<string, (bool IsMember, DateTimeOffset Until)> _membership = new(StringComparer.Ordinal);

    public SupportTeam(
        IOptionsMonitor<LearningHubOptions> team,
        IOptionsMonitor<EscalationOptions> options,
        ExpertChannelStore channels,
        IConnectorClientFactory connectors,
        TimeProvider clock,
        ILogger<SupportTeam> logger)
    {
        _team = team;
        _options = options;
        _channels = channels;
        _connectors = connectors;
        _clock = clock;
        _logger = logger;
        channels.Changed += _membership.Clear;
    }

    public async Task<bool> IncludesAsync(ChannelAccount? person, CancellationToken cancellationToken)
    {
        if (person is null)
        {
            return false;
        }

        if (_team.CurrentValue.IsSupportTeam(person))
        {
            return true;
        }

        var escalation = _options.CurrentValue;
        if (!escalation.ExpertChannelTeamCounts || person.Id is not { Length: > 0 } userId)
        {
            return false;
        }

        var channel = await _channels.GetAsync(cancellationToken);
        if (channel?.TeamId is not { Length: > 0 } teamId || channel.Conversation.ServiceUrl is not { Length: > 0 } serviceUrl)
        {
            return false;
        }

        var key = teamId + "|" + userId;
        var now = _clock.GetUtcNow();
        if (_membership.TryGetValue(key, out var known) && known.Until > now)
        {
            return known.IsMember;
        }

        var isMember = await AskTeamsAsync(serviceUrl, teamId, userId, cancellationToken);
        if (isMember is { } answer)
        {
            _membership[key] = (answer, now + escalation.MembershipCacheDuration);
        }

        return isMember == true;
    }

    private async Task<bool?> AskTeamsAsync(string serviceUrl, string teamId, string userId, CancellationToken cancellationToken)
    {
        try
        {
            await _connectors.Create(serviceUrl).GetConversationMemberAsync(teamId, userId, cancellationToken);
            return true;
        }
        catch (ConnectorException exception) when (exception.StatusCode is HttpStatusCode.NotFound || exception.Code == "MemberNotFoundInConversation")
        {
            return false;
        }
        catch (ConnectorException exception)
        {
            _logger.LogWarning(exception, "Could not check whether {UserId} is in the expert channel's team: {Code}", userId, exception.Code);
            return null;
        }
    }
}
