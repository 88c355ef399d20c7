using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using LearningBot.Connector.Schema;
using LearningBot.Storage;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Remembers where each conversation (and each person's 1:1 chat with the bot) can be reached, so capabilities
/// can message people later. Written only when something changed: a steady conversation costs no storage I/O.
/// </summary>
public sealed class ConversationReferenceStore(TableStorage tables, ILogger<ConversationReferenceStore> logger)
{
    public const string TableName = "ConversationReferences";
    private const string ConversationPartition = "conversation";
    private const string PersonalChatPartition = "personal";

    private readonly ConcurrentDictionary<string, ConversationReferenceEntity> _lastWritten = new(StringComparer.Ordinal);
    private readonly LazyTable _table = tables.Table(TableName);

    public async Task RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { Length: > 0 } || activity.ServiceUrl is null)
        {
            return;
        }

        try
        {
            var conversation = ConversationReferenceEntity.From(activity, ConversationPartition, activity.Conversation.Id);
            await WriteIfChangedAsync(conversation, cancellationToken);
            if (activity.Conversation.ConversationType == "personal" && Caller.KeyOf(activity.From) is { } person)
            {
                await WriteIfChangedAsync(conversation with { PartitionKey = PersonalChatPartition, RowKey = TableKeys.Encode(person) }, cancellationToken);
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception) || exception is ArgumentException)
        {
            // Answering the person matters more than remembering the conversation; the next turn tries again.
            logger.LogWarning(exception, "Could not store the conversation reference for {ConversationId}", activity.Conversation.Id);
        }
    }

    public async Task<ConversationReference?> FindConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var entity = await table.FindAsync<ConversationReferenceEntity>(
            ConversationPartition, TableKeys.Encode(conversationId), cancellationToken: cancellationToken);
        return entity?.ToReference();
    }

    /// <summary>The person's 1:1 chat with the bot, by Entra object id (or Teams user id when there is none).</summary>
    public async Task<ConversationReference?> FindPersonalChatAsync(string personKey, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var entity = await table.FindAsync<ConversationReferenceEntity>(
            PersonalChatPartition, TableKeys.Encode(personKey), cancellationToken: cancellationToken);
        return entity?.ToReference();
    }

    private async Task WriteIfChangedAsync(ConversationReferenceEntity entity, CancellationToken cancellationToken)
    {
        var cacheKey = string.Concat(entity.PartitionKey, "|", entity.RowKey);
        if (_lastWritten.TryGetValue(cacheKey, out var last) && last.SameReferenceAs(entity))
        {
            return;
        }

        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        _lastWritten[cacheKey] = entity;
    }
}

/// <summary>Stored form of a <see cref="ConversationReference"/>.</summary>
public sealed record ConversationReferenceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

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

    public bool SameReferenceAs(ConversationReferenceEntity other) =>
        this with { Timestamp = null, ETag = default } == other with { Timestamp = null, ETag = default };

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
