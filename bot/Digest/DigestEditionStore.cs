using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.Digest;

/// <summary>What a change decided: the edition to write and the audit line that says what was done.</summary>
public sealed record DigestEditionChange(DigestEdition Edition, string Action, string What);

/// <summary>
/// Table <see cref="TableName"/>: every edition, its audit trail and the counter that numbers editions, all in one
/// partition, so a change and its audit line (and a new edition and its number) are one transaction.
/// </summary>
public sealed class DigestEditionStore(TableStorage tables, TimeProvider clock, ILogger<DigestEditionStore> logger)
{
    public const string TableName = "DigestEditions";

    /// <summary>How many times a write that lost a race to another writer decides again.</summary>
    public const int MaxAttempts = 8;

    /// <summary>
    /// How many times numbering tries. Each lost race means another writer took a number, so with n editors starting at
    /// once the last needs at most n tries; the cap only stops a fault from looping for ever.
    /// </summary>
    public const int MaxNumberingAttempts = 100;

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>
    /// Stores <paramref name="draft"/> as the next edition: the counter moves on at the version read, and the edition and
    /// its first audit line are added, in one transaction. Two instances starting editions at once both read the
    /// counter; one transaction wins, the other reads again and takes the next number, so no number is given twice
    /// and none is skipped.
    /// </summary>
    public async Task<DigestEdition> CreateDraftAsync(DigestEdition draft, string who, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var counter = await table.FindAsync<DigestEditionCounter>(DigestEdition.Partition, DigestEditionCounter.Key, cancellationToken: cancellationToken);
            var number = (counter?.Last ?? 0) + 1;
            var edition = draft.Numbered(number);
            var audit = DigestAuditEntry.For(edition, who, DigestAuditActions.Created, $"Started {edition.Title} with {edition.Items.Count} proposed items.", clock.GetUtcNow());
            TableTransactionAction counted = counter is null
                ? new(TableTransactionActionType.Add, new DigestEditionCounter { Last = number })
                : new(TableTransactionActionType.UpdateReplace, counter with { Last = number }, counter.ETag);
            try
            {
                var written = await table.SubmitTransactionAsync([counted, new(TableTransactionActionType.Add, edition), new(TableTransactionActionType.Add, audit)], cancellationToken);
                logger.LogInformation("Digest edition {Number} started", number);
                return edition with { ETag = written.Value[1].NewETag() };
            }
            catch (TableTransactionFailedException exception) when ((exception.IsConcurrencyConflict() || exception.IsAlreadyExists()) && attempt < MaxNumberingAttempts)
            {
                // Another instance numbered an edition between our read and our write: take the next number.
            }
        }
    }

    public async Task<DigestEdition?> FindAsync(int number, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<DigestEdition>(DigestEdition.Partition, DigestEdition.RowKeyOf(number), cancellationToken: cancellationToken);
    }

    /// <summary>Every edition, newest (highest number) first.</summary>
    public async Task<IReadOnlyList<DigestEdition>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rows = await table.ListAsync<DigestEdition>(
            TableClient.CreateQueryFilter($"PartitionKey eq {DigestEdition.Partition} and RowKey ge {DigestEdition.RowPrefix} and RowKey lt {"edition}"}"),
            cancellationToken: cancellationToken);
        return [.. rows.OrderByDescending(edition => edition.Number)];
    }

    /// <summary>The edition with the highest number, whatever its status; null before the first.</summary>
    public async Task<DigestEdition?> LatestAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault();

    /// <summary>The latest edition readers have been sent; null when none has been.</summary>
    public async Task<DigestEdition?> LatestSentAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(edition => edition.Status == DigestStatus.Sent);

    /// <summary>
    /// Reads the edition, lets <paramref name="decide"/> change it (null keeps it as it is), and writes the change and its
    /// audit line in one transaction at the version read; when someone else wrote first, decides again on theirs.
    /// Null when there is no such edition.
    /// </summary>
    public async Task<EntityChange<DigestEdition>?> ChangeAsync(int number, string who, Func<DigestEdition, DigestEditionChange?> decide, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindAsync(number, cancellationToken);
            if (current is null)
            {
                return null;
            }

            if (decide(current) is not { } change)
            {
                return new(current, Changed: false);
            }

            var audit = DigestAuditEntry.For(change.Edition, who, change.Action, change.What, clock.GetUtcNow());
            try
            {
                var written = await table.SubmitTransactionAsync(
                    [new(TableTransactionActionType.UpdateReplace, change.Edition, current.ETag), new(TableTransactionActionType.Add, audit)], cancellationToken);
                return new(change.Edition with { ETag = written.Value[0].NewETag() }, Changed: true);
            }
            catch (TableTransactionFailedException exception) when ((exception.IsConcurrencyConflict() || exception.IsAlreadyExists()) && attempt < MaxAttempts)
            {
                // Someone changed the edition between our read and our write: decide again on what they wrote.
            }
        }
    }

    /// <summary>The edition's audit trail, oldest first.</summary>
    public async Task<IReadOnlyList<DigestAuditEntry>> AuditAsync(int number, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var prefix = DigestAuditEntry.PrefixOf(number);
        var rows = await table.ListAsync<DigestAuditEntry>(
            TableClient.CreateQueryFilter($"PartitionKey eq {DigestEdition.Partition} and RowKey ge {prefix} and RowKey lt {prefix + "~"}"),
            cancellationToken: cancellationToken);
        return [.. rows.OrderBy(row => row.Version)];
    }
}
