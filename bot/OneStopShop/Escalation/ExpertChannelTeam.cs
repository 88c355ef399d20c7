using System.Net;
using LearningBot.Access;
using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Members of the team that owns the expert channel hold the <see cref="Roles.Expert"/> role (when
/// <c>Escalation:ExpertChannelTeamCounts</c> is on), as Teams reports them; an answer is remembered for a few minutes,
/// for at most <see cref="DefaultRemembered"/> people.
/// </summary>
public sealed class ExpertChannelTeam : IRoleMembers, IDisposable
{
    public const int DefaultRemembered = 10_000;

    private readonly IOptionsMonitor<EscalationOptions> _options;
    private readonly ExpertChannelStore _channels;
    private readonly IConnectorClientFactory _connectors;
    private readonly TimeProvider _clock;
    private readonly ILogger<ExpertChannelTeam> _logger;
    private readonly BoundedCache<(bool IsMember, DateTimeOffset Until)> _membership;

    public ExpertChannelTeam(
        IOptionsMonitor<EscalationOptions> options,
        ExpertChannelStore channels,
        IConnectorClientFactory connectors,
        TimeProvider clock,
        ILogger<ExpertChannelTeam> logger)
        : this(options, channels, connectors, clock, logger, DefaultRemembered)
    {
    }

    internal ExpertChannelTeam(
        IOptionsMonitor<EscalationOptions> options,
        ExpertChannelStore channels,
        IConnectorClientFactory connectors,
        TimeProvider clock,
        ILogger<ExpertChannelTeam> logger,
        int remembered)
    {
        _membership = new BoundedCache<(bool IsMember, DateTimeOffset Until)>(remembered);
        _options = options;
        _channels = channels;
        _connectors = connectors;
        _clock = clock;
        _logger = logger;
        channels.Changed += _membership.Clear;
    }

    public Role Role => Roles.Expert;

    /// <summary>How many membership answers are remembered now (never more than the capacity).</summary>
    internal int Remembered => _membership.Count;

    public void Dispose()
    {
        _channels.Changed -= _membership.Clear;
        _membership.Dispose();
    }

    public async ValueTask<bool> IncludesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var escalation = _options.CurrentValue;
        if (!escalation.ExpertChannelTeamCounts || caller.TeamsId is not { } userId)
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
        if (_membership.TryGet(key, out var known) && known.Until > now)
        {
            return known.IsMember;
        }

        var isMember = await AskTeamsAsync(serviceUrl, teamId, userId, cancellationToken);
        if (isMember is { } answer)
        {
            _membership.Set(key, (answer, now + escalation.MembershipCacheDuration));
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
