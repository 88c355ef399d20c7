using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Who sent a turn, worked out once per turn from the activity. <see cref="PersonKey"/> is the key every store files a
/// person under: the Entra object id where Teams gives one (it is the same in every chat, team and app), otherwise the
/// channel's user id.
/// </summary>
public sealed record Caller(string? PersonKey, string? AadObjectId, string? TeamsId, string? Name, string? TenantId)
{
    public static readonly Caller Unknown = new(null, null, null, null, null);

    public bool IsKnown => PersonKey is not null;

    /// <summary>The name to show for this person, never empty.</summary>
    public string DisplayName => Name is { Length: > 0 } name ? name : "Someone";

    public static Caller Of(Activity activity)
    {
        var from = activity.From;
        return from is null
            ? Unknown
            : new Caller(KeyOf(from), NonEmpty(from.AadObjectId), NonEmpty(from.Id), NonEmpty(from.Name), NonEmpty(activity.GetTenantId()));
    }

    /// <summary>The person key of an account: its Entra object id, or its channel user id when it has none.</summary>
    public static string? KeyOf(ChannelAccount? account) => NonEmpty(account?.AadObjectId) ?? NonEmpty(account?.Id);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
