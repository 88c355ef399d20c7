using System.Security.Claims;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Who sent a turn, worked out once per turn from an activity the authenticator accepted (and from nothing else).
/// <see cref="PersonKey"/> is the key every store files a person under.
/// </summary>
/// <remarks>
/// <para>
/// On Teams (<c>msteams</c>) the activity came with a token only the Bot Connector holds (or, in a Development local
/// run, from the Agents Playground playing Teams), so its sender is Teams' word: <see cref="AadObjectId"/> is
/// <c>from.aadObjectId</c>, the Entra object id (the same in every chat, team and app, and what role lists should
/// name), <see cref="TeamsId"/> is <c>from.id</c>, and <see cref="PersonKey"/> is the object id, or the Teams user id
/// for the rare activity without one (Teams always sends the object id in personal chats).
/// </para>
/// <para>
/// On the Bot Framework Emulator (Development only) the sender is whatever the developer typed: <see cref="PersonKey"/>
/// is <c>from.id</c>, and there is no Entra object id or Teams user id, so no configured role list can match. Any other
/// channel is refused before a turn starts; were one to get here, its caller is <see cref="Unknown"/>.
/// </para>
/// <para><see cref="TenantId"/> is the tenant the authenticator validated (<see cref="InboundClaims.TenantId"/>).</para>
/// </remarks>
public sealed record Caller(string? PersonKey, string? AadObjectId, string? TeamsId, string? Name, string? TenantId)
{
    public static readonly Caller Unknown = new(null, null, null, null, null);

    public bool IsKnown => PersonKey is not null;

    /// <summary>The name to show for this person, never empty.</summary>
    public string DisplayName => Name is { Length: > 0 } name ? name : "Someone";

    /// <summary>
    /// The sender of <paramref name="activity"/>, which <paramref name="identity"/> (from the authenticator) accepted:
    /// <see cref="Unknown"/> unless the identity names the activity's own channel.
    /// </summary>
    public static Caller Of(Activity activity, ClaimsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(identity);
        var from = activity.From;
        var channel = identity.FindFirst(InboundClaims.ChannelId)?.Value;
        if (from is null || channel is null || !string.Equals(channel, activity.ChannelId, StringComparison.Ordinal))
        {
            return Unknown;
        }

        var tenant = NonEmpty(identity.FindFirst(InboundClaims.TenantId)?.Value);
        return channel switch
        {
            BotChannels.Teams => new Caller(KeyOf(from), NonEmpty(from.AadObjectId), NonEmpty(from.Id), NonEmpty(from.Name), tenant),
            BotChannels.Emulator => new Caller(NonEmpty(from.Id), null, null, NonEmpty(from.Name), tenant),
            _ => Unknown,
        };
    }

    /// <summary>The person key of a Teams account: its Entra object id, or its Teams user id when it has none.</summary>
    public static string? KeyOf(ChannelAccount? account) => NonEmpty(account?.AadObjectId) ?? NonEmpty(account?.Id);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
