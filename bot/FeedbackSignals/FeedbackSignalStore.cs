using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LearningBot.Outbox;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Feedback signals in table storage (table <see cref="TableName"/>), with what each change owes people (the moderation
/// card) written as outbox rows in the same transaction, so a signal is never stored or decided without its card.
/// </summary>
public sealed class FeedbackSignalStore(TableStorage tables, TimeProvider clock)
{
    public const string TableName = "FeedbackSignals";
    private const int MaxAttempts = 5;

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>
    /// Stores the signal with the messages it owes unless one with its id is there already, and returns the one stored: a
    /// repeated press of the same form (its id is made from the form's token) finds the first signal and adds nothing.
    /// </summary>
    /// <param name="hold">Applied to each outbox row before it is written (<see cref="OutboxDispatcher.HeldForKick"/>), or null.</param>
    public async Task<SignalLogged> LogAsync(
        FeedbackSignal signal, IReadOnlyList<OutboxMessage> notify, CancellationToken cancellationToken, Func<OutboxEntity, OutboxEntity>? hold = null)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            var stored = signal with { };
            List<ITableEntity> committed = [stored, .. Rows(signal, notify).Select(row => hold?.Invoke(row) ?? row)];
            var written = await table.SubmitTransactionAsync(committed.Select(entity => new TableTransactionAction(TableTransactionActionType.Add, entity)), cancellationToken);
            for (var i = 0; i < committed.Count; i++)
            {
                committed[i].ETag = written.Value[i].NewETag();
            }

            return new SignalLogged(stored, Stored: true, committed);
        }
        catch (TableTransactionFailedException exception) when (exception.IsAlreadyExists())
        {
            var existing = await table.FindAsync<FeedbackSignal>(signal.PartitionKey, signal.RowKey, cancellationToken: cancellationToken) ?? signal;
            return new SignalLogged(existing, Stored: false, []);
        }
    }

    public async Task<FeedbackSignal?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<FeedbackSignal>(FeedbackSignal.Partition, id, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Reads the signal, asks <paramref name="decide"/> what to do, and writes the result only if the signal is still the
    /// version read, with the messages <paramref name="notify"/> says the changed signal owes; when someone else wrote
    /// first it reads and decides again, so two moderators pressing at once decide once. Null when there is no such signal.
    /// </summary>
    /// <param name="known">
    /// The signal as the caller read it earlier (with its ETag): decided on first without reading it again. The write is
    /// made at its ETag, so if anyone wrote since, it fails and the signal is read and decided on again as usual.
    /// </param>
    /// <param name="along">
    /// Other writes in the signals' partition that belong with the change (a claimed outbox row marked delivered, see
    /// <see cref="OutboxEntity.SettleDelivered"/>): made in the same transaction, so only when the signal changes, and
    /// never without it. When one of them fails (the row was taken by another instance) that is not the signal's to
    /// decide again: the transaction's failure is thrown, and nothing was written.
    /// </param>
    public async Task<EntityChange<FeedbackSignal>?> ChangeAsync(
        string id, Func<FeedbackSignal, EntityDecision<FeedbackSignal>> decide, Func<FeedbackSignal, IReadOnlyList<OutboxMessage>>? notify, CancellationToken cancellationToken,
        FeedbackSignal? known = null, IReadOnlyList<TableTransactionAction>? along = null)
    {
        along ??= [];
        if (known is not null && (known.RowKey != id || known.ETag == default))
        {
            throw new ArgumentException("The known signal must be this one, as read with its ETag.", nameof(known));
        }

        var table = await _table.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = attempt == 1 && known is not null
                ? known
                : await table.FindAsync<FeedbackSignal>(FeedbackSignal.Partition, id, cancellationToken: cancellationToken);
            if (current is null)
            {
                return null;
            }

            if (decide(current) is not EntityDecision<FeedbackSignal>.Write write)
            {
                return new EntityChange<FeedbackSignal>(current, Changed: false);
            }

            var updated = write.Entity with { PartitionKey = current.PartitionKey, RowKey = current.RowKey, Version = current.Version + 1 };
            var owed = Rows(updated, notify?.Invoke(updated) ?? []).ToList();
            try
            {
                if (owed.Count == 0 && along.Count == 0)
                {
                    // Nothing else to write: one conditional write, without a transaction's multipart body.
                    var response = await table.UpdateEntityAsync(updated, current.ETag, TableUpdateMode.Replace, cancellationToken);
                    return new EntityChange<FeedbackSignal>(updated with { ETag = response.NewETag() }, Changed: true);
                }

                List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, updated, current.ETag)];
                actions.AddRange(owed.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
                actions.AddRange(along);
                var written = await table.SubmitTransactionAsync(actions, cancellationToken);
                return new EntityChange<FeedbackSignal>(updated with { ETag = written.Value[0].NewETag() }, Changed: true);
            }
            catch (RequestFailedException exception) when (SignalMovedOn(exception) && attempt < MaxAttempts)
            {
                // Someone else wrote the signal between our read and our write: decide again on what they wrote.
            }
        }
    }

    /// <summary>
    /// The write failed on the signal's ETag: the conditional write, or the transaction's first action (the signal's). A
    /// conflict on another action of the transaction (a row given <c>along</c>) is not.
    /// </summary>
    private static bool SignalMovedOn(RequestFailedException exception) =>
        exception.IsConcurrencyConflict() && exception is not TableTransactionFailedException { FailedTransactionActionIndex: > 0 };

    /// <summary>Every signal (the outbox rows that share their partition left out).</summary>
    public async Task<List<FeedbackSignal>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ListAsync<FeedbackSignal>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {FeedbackSignal.Partition} and (RowKey lt {OutboxEntity.RowKeyPrefix} or RowKey ge {OutboxEntity.RowKeyEnd})"), cancellationToken: cancellationToken);
    }

    /// <summary>The outbox rows a signal's version owes: all signals share one partition, so the signal id is in the key.</summary>
    private IEnumerable<OutboxEntity> Rows(FeedbackSignal signal, IReadOnlyList<OutboxMessage> messages)
    {
        var now = clock.GetUtcNow();
        return messages.Select(message =>
            message.ToEntity(signal.PartitionKey, string.Create(CultureInfo.InvariantCulture, $"{signal.Id}-{signal.Version:D6}-{message.Name}"), now));
    }
}

/// <summary>
/// What logging a signal came to: the signal as stored (with its ETag when this call stored it), and when it did, every
/// entity the transaction wrote (the signal and the outbox rows it owes), each with its new ETag.
/// </summary>
public sealed record SignalLogged(FeedbackSignal Signal, bool Stored, IReadOnlyList<ITableEntity> Committed);
