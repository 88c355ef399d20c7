using Azure.Data.Tables;
using LearningBot.Connector.Schema;
using LearningBot.Storage;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Remembers where each conversation (and each person's 1:1 chat with the bot) can be reached, so capabilities
/// can message people later. Written only when something changed: a steady conversation costs no storage I/O. What was
/// last written is remembered for at most <see cref="DefaultRemembered"/> references; a forgotten one is written again.
/// </summary>
public sealed class ConversationReferenceStore : IDisposable
{
    public const string TableName = "ConversationReferences";
    public const int DefaultRemembered = 10_000;
    private const string ConversationPartition = "conversation";
    private const string PersonalChatPartition = "personal";

    private readonly BoundedCache<ConversationReferenceEntity> _lastWritten;
    private readonly LazyTable _table;
    private readonly ILogger<ConversationReferenceStore> _logger;

    public ConversationReferenceStore(TableStorage tables, ILogger<ConversationReferenceStore> logger)
        : this(tables, logger, DefaultRemembered)
    {
    }

    internal ConversationReferenceStore(TableStorage tables, ILogger<ConversationReferenceStore> logger, int remembered)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Table(TableName);
        _logger = logger;
        _lastWritten = new BoundedCache<ConversationReferenceEntity>(remembered);
    }

    /// <summary>How many written references are remembered now (never more than the capacity).</summary>
    internal int Remembered => _lastWritten.Count;

    public void Dispose() => _lastWritten.Dispose();

    /// <summary>
    /// Stores where the activity's conversation can be reached, taking at most <paramref name="timeout"/> (storage time
    /// and waiting together). Never throws: a reference that could not be stored is logged, and the next turn tries again.
    /// </summary>
    public Task RememberAsync(Activity activity, TimeSpan timeout)
    {
        // A steady conversation (nearly every turn) is settled here: no timer, no storage budget, no async method.
        var changed = Changed(activity);
        return changed is null ? Task.CompletedTask : WriteWithinAsync(activity, changed, timeout);
    }

    public Task RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        var changed = Changed(activity);
        return changed is null ? Task.CompletedTask : WriteAsync(activity, changed, cancellationToken);
    }

    private async Task WriteWithinAsync(Activity activity, List<ConversationReferenceEntity> changed, TimeSpan timeout)
    {
        using var bounded = new CancellationTokenSource(timeout);
        using var storageTime = StorageBudget.Begin(timeout);
        try
        {
            await WriteAsync(activity, changed, bounded.Token);
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested)
        {
            _logger.LogWarning("Could not store the conversation reference for {ConversationId} within {Timeout}", activity.Conversation?.Id, timeout);
        }
    }

    /// <summary>The references of the activity that differ from what was last written (or were never written); null when none do.</summary>
    private List<ConversationReferenceEntity>? Changed(Activity activity)
    {
        if (activity.Conversation?.Id is not { Length: > 0 } || activity.ServiceUrl is null)
        {
            return null;
        }

        // Compared with what was last written field by field: rows are made only for a reference that changed.
        List<ConversationReferenceEntity>? changed = null;
        try
        {
            var conversationKey = TableKeys.Encode(activity.Conversation.Id);
            ConversationReferenceEntity? conversation = null;
            if (!IsLastWritten(activity, ConversationPartition, conversationKey))
            {
                conversation = ConversationReferenceEntity.From(activity, ConversationPartition, activity.Conversation.Id);
                (changed ??= []).Add(conversation);
            }

            if (activity.Conversation.ConversationType == "personal" && Caller.KeyOf(activity.From) is { } person
                && TableKeys.Encode(person) is var personalKey
                && !IsLastWritten(activity, PersonalChatPartition, personalKey))
            {
                conversation ??= ConversationReferenceEntity.From(activity, ConversationPartition, activity.Conversation.Id);
                (changed ??= []).Add(conversation with { PartitionKey = PersonalChatPartition, RowKey = personalKey });
            }
        }
        catch (ArgumentException exception)
        {
            // A key that cannot be stored: answering the person matters more than remembering the conversation.
            _logger.LogWarning(exception, "Could not store the conversation reference for {ConversationId}", activity.Conversation.Id);
            return null;
        }

        return changed;
    }

    private async Task WriteAsync(Activity activity, List<ConversationReferenceEntity> changed, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var entity in changed)
            {
                await WriteIfChangedAsync(entity, cancellationToken);
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception) || exception is ArgumentException)
        {
            // Answering the person matters more than remembering the conversation; the next turn tries again.
            _logger.LogWarning(exception, "Could not store the conversation reference for {ConversationId}", activity.Conversation!.Id);
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

    /// <summary>
    /// Stores a 1:1 chat the bot opened itself (no inbound activity yet), keyed as an inbound one would be: by
    /// conversation id, and as <paramref name="personKey"/>'s personal chat.
    /// </summary>
    public async Task RememberPersonalChatAsync(string personKey, ConversationReference chat, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(personKey);
        var conversation = ConversationReferenceEntity.From(chat, ConversationPartition, chat.Conversation?.Id ?? throw new ArgumentException("The chat has no conversation id.", nameof(chat)));
        await WriteIfChangedAsync(conversation, cancellationToken);
        await WriteIfChangedAsync(conversation with { PartitionKey = PersonalChatPartition, RowKey = TableKeys.Encode(personKey) }, cancellationToken);
    }

    /// <summary>Any stored conversation of <paramref name="tenantId"/> (of any tenant when null): where the tenant's Bot Connector is.</summary>
    public async Task<ConversationReference?> FindAnyInTenantAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = tenantId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ConversationPartition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {ConversationPartition} and TenantId eq {tenantId}");
        await foreach (var entity in table.QueryAsync<ConversationReferenceEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return entity.ToReference();
        }

        return null;
    }

    /// <summary>The person key of everyone with a 1:1 chat with the bot: everyone who has the app.</summary>
    public async IAsyncEnumerable<string> PersonalChatKeysAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PersonalChatPartition}");
        await foreach (var entity in table.QueryAsync<ConversationReferenceEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            yield return TableKeys.Decode(entity.RowKey);
        }
    }

    /// <summary>Every team channel the bot has seen a message in.</summary>
    public async Task<IReadOnlyList<ConversationReference>> ChannelsAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rows = await table.ListAsync<ConversationReferenceEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ConversationPartition} and ConversationType eq {"channel"}"), cancellationToken: cancellationToken);
        return [.. rows.Select(row => row.ToReference())];
    }

    // Keyed by row key alone, so the steady check builds no key: a conversation id and a person key that happen to be the
    // same only cost a write, since what is remembered is the whole row, partition included.
    private bool IsLastWritten(ConversationReferenceEntity entity) =>
        _lastWritten.TryGet(entity.RowKey, out var last) && last.SameReferenceAs(entity);

    private bool IsLastWritten(Activity activity, string partition, string encodedKey) =>
        _lastWritten.TryGet(encodedKey, out var last) && last.Describes(activity, partition, encodedKey);

    private async Task WriteIfChangedAsync(ConversationReferenceEntity entity, CancellationToken cancellationToken)
    {
        if (IsLastWritten(entity))
        {
            return;
        }

        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        _lastWritten.Set(entity.RowKey, entity);
    }
}
