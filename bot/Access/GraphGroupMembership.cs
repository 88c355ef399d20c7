using Azure.Identity;
using LearningBot.People;
using LearningBot.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.CheckMemberGroups;
using Microsoft.Kiota.Abstractions;

namespace LearningBot.Access;

/// <summary>
/// Group membership from Microsoft Graph: <c>POST /users/{id}/checkMemberGroups</c> (transitive, at most
/// <see cref="RoleOptions.MaxGroupsPerCall"/> groups a call), asked once for every configured group of every role, the
/// answer remembered per person for <see cref="RoleOptions.GroupCacheDuration"/>, for at most
/// <see cref="DefaultRemembered"/> people. Each instance remembers on its own, so a short time is what keeps instances
/// consistent. When Graph fails the person is in no group (no role is granted on a guess) and a warning is logged; that
/// answer is remembered for <see cref="FailureRemembered"/> only, so a turn's several role checks, and a busy hour with
/// Graph down, cost one call per person in that time, and Graph is asked again soon after it is back. Only when the people directory uses Graph (<c>People:Source</c>):
/// otherwise nobody is in any group. Needs the application permissions <c>User.Read.All</c> and <c>GroupMember.Read.All</c>.
/// </summary>
public sealed partial class GraphGroupMembership : IGroupMembership, IDisposable
{
    public const int DefaultRemembered = 10_000;

    /// <summary>How long "Graph could not say" stands for a person before Graph is asked again.</summary>
    public static readonly TimeSpan FailureRemembered = TimeSpan.FromSeconds(15);

    /// <summary>A turn (10 seconds at most) waits no longer than this for Graph before going on without the groups.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    private readonly Lazy<GraphServiceClient> _graph;
    private readonly IOptionsMonitor<RoleOptions> _roles;
    private readonly IOptions<PeopleOptions> _people;
    private readonly TimeProvider _clock;
    private readonly ILogger<GraphGroupMembership> _logger;
    private readonly BoundedCache<Answer> _answers = new(DefaultRemembered);

    /// <param name="graph">Asked for only when a group is checked, so roles work without Graph when no group is configured.</param>
    public GraphGroupMembership(
        Func<GraphServiceClient> graph,
        IOptionsMonitor<RoleOptions> roles,
        IOptions<PeopleOptions> people,
        TimeProvider clock,
        ILogger<GraphGroupMembership> logger)
    {
        _graph = new Lazy<GraphServiceClient>(graph);
        _roles = roles;
        _people = people;
        _clock = clock;
        _logger = logger;
    }

    public async ValueTask<IReadOnlySet<string>> MemberOfAsync(string entraObjectId, IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entraObjectId);
        if (groupIds.Count == 0 || _people.Value.Source != PeopleSource.Graph || !Guid.TryParse(entraObjectId, out _))
        {
            return Empty;
        }

        var key = entraObjectId.ToUpperInvariant();
        var now = _clock.GetUtcNow();
        if (_answers.TryGet(key, out var known) && known.Until > now && known.Asked.SetEquals(groupIds))
        {
            return known.MemberOf;
        }

        var answered = await AskGraphAsync(entraObjectId, groupIds, cancellationToken);
        var duration = answered is null ? TimeSpan.FromTicks(Math.Min(FailureRemembered.Ticks, _roles.CurrentValue.GroupCacheDuration.Ticks))
            : _roles.CurrentValue.GroupCacheDuration;
        var memberOf = answered ?? Empty;
        if (duration > TimeSpan.Zero)
        {
            _answers.Set(key, new Answer(groupIds.ToHashSet(StringComparer.OrdinalIgnoreCase), memberOf, now + duration));
        }

        return memberOf;
    }

    public void Dispose() => _answers.Dispose();

    private static IReadOnlySet<string> Empty { get; } = new HashSet<string>();

    /// <summary>The groups the person is in, or null when Graph could not say.</summary>
    private async Task<IReadOnlySet<string>?> AskGraphAsync(string entraObjectId, IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        var memberOf = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var chunk in groupIds.Chunk(RoleOptions.MaxGroupsPerCall))
            {
                var answer = await _graph.Value.Users[entraObjectId].CheckMemberGroups.PostAsCheckMemberGroupsPostResponseAsync(
                    new CheckMemberGroupsPostRequestBody { GroupIds = [.. chunk] }, cancellationToken: timeout.Token);
                memberOf.UnionWith((answer?.Value ?? []).Where(id => chunk.Contains(id, StringComparer.OrdinalIgnoreCase)));
            }

            return memberOf;
        }
        catch (ODataError error)
        {
            LogRefused(_logger, error.ResponseStatusCode, error.Error?.Code);
        }
        catch (ApiException error)
        {
            LogRefused(_logger, error.ResponseStatusCode, code: null);
        }
        catch (Exception failure) when (failure is HttpRequestException or AuthenticationFailedException or CredentialUnavailableException)
        {
            LogUnreachable(_logger, failure.GetType().Name);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(_logger, "timeout");
        }

        return null;
    }

    private sealed record Answer(HashSet<string> Asked, IReadOnlySet<string> MemberOf, DateTimeOffset Until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph answered {Status} ({Code}) to checking group membership: no role is held through a group this turn")]
    private static partial void LogRefused(ILogger logger, int status, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph could not be reached to check group membership ({Reason}): no role is held through a group this turn")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
