using System.Text.Json;

namespace LearningBot.Connector.Schema;

/// <summary>
/// The parts of a deserialized activity that the serializer accepts but Teams never sends: ids far longer than Teams', channel data that is not an
/// object of the Teams shape, a mention entity of another shape, or a null in a list. An inbound activity with any of
/// them is refused (400) before a capability sees it; the readers (<see cref="TeamsChannelData.Read"/>,
/// <see cref="Mention.TryRead"/>) tolerate them anyway.
/// </summary>
public static class ActivityShape
{
    /// <summary>The first malformed part of <paramref name="activity"/>, named as in the wire format; null when there is none.</summary>
    public static string? FindMalformedPart(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (LongerThanTeamsSends(activity) is { } tooLong)
        {
            return tooLong;
        }

        if (activity.ChannelData is { ValueKind: not JsonValueKind.Null } channelData)
        {
            if (!TeamsChannelData.TryRead(channelData, out var teams))
            {
                return "'channelData'";
            }

            // Read whole, as TeamsChannelData.Read would: kept so the turn does not read it again.
            activity.TeamsChannelData = teams;
        }

        if (HasNull(activity.Entities))
        {
            return "'entities'";
        }

        foreach (var entity in activity.Entities ?? [])
        {
            if (string.Equals(entity.Type, Mention.EntityType, StringComparison.OrdinalIgnoreCase) && !Mention.TryRead(entity, out _))
            {
                return "a mention in 'entities'";
            }
        }

        return HasNull(activity.Attachments) ? "'attachments'"
            : HasNull(activity.MembersAdded) ? "'membersAdded'"
            : HasNull(activity.MembersRemoved) ? "'membersRemoved'"
            : HasNull(activity.ReactionsAdded) ? "'reactionsAdded'"
            : HasNull(activity.ReactionsRemoved) ? "'reactionsRemoved'"
            : HasNull(activity.SuggestedActions?.Actions) ? "'suggestedActions.actions'"
            : HasNull(activity.SuggestedActions?.To) ? "'suggestedActions.to'"
            : null;
    }

    /// <summary>
    /// Teams' message and conversation ids are tens of characters. A reply names both in the Bot Connector URL, so ids far
    /// longer than any Teams sends would only make a reply the connector refuses (414) after the turn had run.
    /// </summary>
    public const int MaxIdChars = 1024;

    /// <summary>Conversation ids carry the thread and message they belong to, so they get twice the room.</summary>
    public const int MaxConversationIdChars = 2 * MaxIdChars;

    private static string? LongerThanTeamsSends(Activity activity) =>
        activity.Id?.Length > MaxIdChars ? "'id'"
        : activity.ReplyToId?.Length > MaxIdChars ? "'replyToId'"
        : activity.From?.Id?.Length > MaxIdChars ? "'from.id'"
        : activity.Recipient?.Id?.Length > MaxIdChars ? "'recipient.id'"
        : activity.Conversation?.Id?.Length > MaxConversationIdChars ? "'conversation.id'"
        : null;

    private static bool HasNull<T>(IReadOnlyList<T?>? list)
        where T : class
    {
        if (list is null)
        {
            return false;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                return true;
            }
        }

        return false;
    }
}
