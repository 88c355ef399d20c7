using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Client;

/// <summary>
/// The Bot Connector REST API (v3) of one serviceUrl, shaped like Microsoft.Bot.Connector's
/// <c>ConnectorClient</c> plus the Teams operations of <c>TeamsInfo</c>.
/// Failures throw <see cref="ConnectorException"/>.
/// </summary>
public interface IConnectorClient
{
    Uri ServiceUrl { get; }

    /// <summary><c>POST v3/conversations/{c}/activities/{a}</c>: a reply threaded under <paramref name="activityId"/>.</summary>
    Task<ResourceResponse> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary><c>POST v3/conversations/{c}/activities</c>: a message at the end of the conversation.</summary>
    Task<ResourceResponse> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary><c>PUT v3/conversations/{c}/activities/{a}</c>: replaces a message the bot sent.</summary>
    Task<ResourceResponse> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE v3/conversations/{c}/activities/{a}</c>.</summary>
    Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default);

    /// <summary><c>POST v3/conversations</c>: starts a 1:1 chat or a channel thread (proactive messages).</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(ConversationParameters parameters, CancellationToken cancellationToken = default);

    /// <summary><c>GET v3/conversations/{c}/members</c> (legacy, heavily rate limited: prefer the paged call).</summary>
    Task<IReadOnlyList<TeamsChannelAccount>> GetConversationMembersAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary><c>GET v3/conversations/{c}/members/{userId}</c>.</summary>
    Task<TeamsChannelAccount> GetConversationMemberAsync(string conversationId, string userId, CancellationToken cancellationToken = default);

    /// <summary><c>GET v3/conversations/{c}/pagedmembers</c>; <paramref name="pageSize"/> is clamped to 50–500.</summary>
    Task<PagedMembersResult> GetConversationPagedMembersAsync(string conversationId, int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET v3/teams/{teamId}</c>.</summary>
    Task<TeamDetails> GetTeamDetailsAsync(string teamId, CancellationToken cancellationToken = default);

    /// <summary><c>GET v3/teams/{teamId}/conversations</c>: the team's channels (General has a null name).</summary>
    Task<IReadOnlyList<ChannelInfo>> GetTeamChannelsAsync(string teamId, CancellationToken cancellationToken = default);
}
