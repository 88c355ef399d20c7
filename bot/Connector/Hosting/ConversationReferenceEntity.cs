using Azure;
using LearningBot.Connector.Schema;
using LearningBot.Storage;

namespace LearningBot.Connector.Hosting;

/// <summary>Stored form of a <see cref="ConversationReference"/>.</summary>
public sealed record ConversationReferenceEntity : TableRow
{
    public string ConversationId { get; init; } = string.Empty;
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public string ServiceUrl { get; init; } = string.Empty;
    public string? ChannelId { get; init; }
    public string? BotId { get; init; }
    public string? BotName { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? UserAadObjectId { get; init; }
    public string? Locale { get; init; }

    public static ConversationReferenceEntity From(Activity activity, string partition, string key) => new()
    {
        PartitionKey = partition,
        RowKey = TableKeys.Encode(key),
        ConversationId = activity.Conversation!.Id!,
        ConversationType = activity.Conversation.ConversationType,
        TenantId = activity.GetTenantId(),
        ServiceUrl = activity.ServiceUrl!,
        ChannelId = activity.ChannelId,
        BotId = activity.Recipient?.Id,
        BotName = activity.Recipient?.Name,
        UserId = activity.From?.Id,
        UserName = activity.From?.Name,
        UserAadObjectId = activity.From?.AadObjectId,
        Locale = activity.Locale,
    };

    /// <summary>
    /// Whether <see cref="From(Activity, string, string)"/> would make this very row from <paramref name="activity"/>,
    /// checked in place so a steady conversation costs no row per turn. Compares every field From sets: keep the two in
    /// step (<c>A_reference_that_changed_in_any_part_is_written_again</c> changes each one).
    /// </summary>
    public bool Describes(Activity activity, string partition, string encodedKey) =>
        PartitionKey == partition
        && RowKey == encodedKey
        && ConversationId == activity.Conversation?.Id
        && ConversationType == activity.Conversation?.ConversationType
        && TenantId == activity.GetTenantId()
        && ServiceUrl == activity.ServiceUrl
        && ChannelId == activity.ChannelId
        && BotId == activity.Recipient?.Id
        && BotName == activity.Recipient?.Name
        && UserId == activity.From?.Id
        && UserName == activity.From?.Name
        && UserAadObjectId == activity.From?.AadObjectId
        && Locale == activity.Locale;

    /// <summary>A reference the bot made itself (a chat it opened), stored like one read from an activity.</summary>
    public static ConversationReferenceEntity From(ConversationReference reference, string partition, string key) => new()
    {
        PartitionKey = partition,
        RowKey = TableKeys.Encode(key),
        ConversationId = reference.Conversation!.Id!,
        ConversationType = reference.Conversation.ConversationType,
        TenantId = reference.Conversation.TenantId,
        ServiceUrl = reference.ServiceUrl!,
        ChannelId = reference.ChannelId,
        BotId = reference.Bot?.Id,
        BotName = reference.Bot?.Name,
        UserId = reference.User?.Id,
        UserName = reference.User?.Name,
        UserAadObjectId = reference.User?.AadObjectId,
        Locale = reference.Locale,
    };

    public bool SameReferenceAs(ConversationReferenceEntity other) =>
        // Both made by the bot (neither read back from the table, the usual case): no copies needed to compare them.
        Timestamp is null && other.Timestamp is null && ETag == other.ETag
            ? this == other
            : this with { Timestamp = null, ETag = default } == other with { Timestamp = null, ETag = default };

    public ConversationReference ToReference() => new()
    {
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
        Bot = new ChannelAccount { Id = BotId, Name = BotName },
        User = new ChannelAccount { Id = UserId, Name = UserName, AadObjectId = UserAadObjectId },
        Conversation = new ConversationAccount { Id = ConversationId, ConversationType = ConversationType, TenantId = TenantId },
    };
}
