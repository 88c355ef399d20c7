using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LearningBot.Outbox;
using LearningBot.Storage;

namespace LearningBot.GoodPractice;

/// <summary>
/// Good-practice examples in table storage (table <see cref="TableName"/>, one partition), with what each change owes
/// people (the moderation card, the contributor's notice, the editors' review notice) written as outbox rows in the same
/// transaction, so no change is stored without its messages. The API later parts build on:
/// <see cref="FindAsync"/>, <see cref="ListAsync"/> (by status), <see cref="DraftOfAsync"/>, <see cref="AddAsync"/>
/// and <see cref="ChangeAsync"/>.
/// </summary>
public sealed class GoodPracticeStore(TableStorage tables, TimeProvider clock)
{
    public const string TableName = "GoodPracticeExamples";
    private const int MaxAttempts = 5;

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>Stores a new draft.</summary>
    public async Task<GoodPracticeExample> AddAsync(GoodPracticeExample example, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var response = await table.AddEntityAsync(example, cancellationToken);
        return example with { ETag = response.NewETag() };
    }

    public async Task<GoodPracticeExample?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<GoodPracticeExample>(GoodPracticeExample.Partition, id, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The contributor's example they can still change (a draft, or sent back with changes requested), the most recently
    /// changed first; entries on behalf and the contributor's own shares are kept apart by <paramref name="onBehalf"/>.
    /// </summary>
    public async Task<GoodPracticeExample?> DraftOfAsync(string contributorKey, bool onBehalf, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rows = await table.ListAsync<GoodPracticeExample>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {GoodPracticeExample.Partition} and ContributorKey eq {contributorKey} and EnteredOnBehalf eq {onBehalf} and (Status eq {ExampleStatus.Draft} or Status eq {ExampleStatus.ChangesRequested})"),
            cancellationToken: cancellationToken);
        return rows.OrderByDescending(row => row.UpdatedAt).FirstOrDefault();
    }

    /// <summary>Every example with this status (one of <see cref="ExampleStatus"/>), the outbox rows left out.</summary>
    public async Task<List<GoodPracticeExample>> ListAsync(string status, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ListAsync<GoodPracticeExample>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {GoodPracticeExample.Partition} and (RowKey lt {OutboxEntity.RowKeyPrefix} or RowKey ge {OutboxEntity.RowKeyEnd}) and Status eq {status}"),
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Reads the example, asks <paramref name="decide"/> what to do, and writes the result only if the example is still the
    /// version read, with the messages <paramref name="notify"/> says the changed example owes; when someone else wrote
    /// first it reads and decides again, so two editors pressing at once decide once. Null when there is no such example.
    /// </summary>
    public async Task<EntityChange<GoodPracticeExample>?> ChangeAsync(
        string id,
        Func<GoodPracticeExample, EntityDecision<GoodPracticeExample>> decide,
        Func<GoodPracticeExample, IReadOnlyList<OutboxMessage>>? notify,
        CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.FindAsync<GoodPracticeExample>(GoodPracticeExample.Partition, id, cancellationToken: cancellationToken);
            if (current is null)
            {
                return null;
            }

            if (decide(current) is not EntityDecision<GoodPracticeExample>.Write write)
            {
                return new EntityChange<GoodPracticeExample>(current, Changed: false);
            }

            var updated = write.Entity with
            {
                PartitionKey = current.PartitionKey, RowKey = current.RowKey, Version = current.Version + 1, UpdatedAt = clock.GetUtcNow(),
            };
            try
            {
                List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, updated, current.ETag)];
                actions.AddRange(Rows(updated, notify?.Invoke(updated) ?? []));
                var written = await table.SubmitTransactionAsync(actions, cancellationToken);
                return new EntityChange<GoodPracticeExample>(updated with { ETag = written.Value[0].NewETag() }, Changed: true);
            }
            catch (TableTransactionFailedException exception) when (exception.IsConcurrencyConflict() && attempt < MaxAttempts)
            {
                // Someone else wrote between our read and our write: decide again on what they wrote.
            }
        }
    }

    /// <summary>The outbox rows a version owes: all examples share one partition, so the example id is in the key.</summary>
    private IEnumerable<TableTransactionAction> Rows(GoodPracticeExample example, IReadOnlyList<OutboxMessage> messages)
    {
        var now = clock.GetUtcNow();
        return messages.Select(message => new TableTransactionAction(
            TableTransactionActionType.Add,
            message.ToEntity(example.PartitionKey, string.Create(CultureInfo.InvariantCulture, $"{example.Id}-{example.Version:D6}-{message.Name}"), now)));
    }
}
