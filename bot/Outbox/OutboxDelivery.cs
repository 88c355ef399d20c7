using System.Collections.Concurrent;
using System.Collections.Frozen;
using Azure;
using Azure.Data.Tables;
using LearningBot.Connector.Client;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Outbox;

/// <summary>
/// Delivers pending outbox rows, safely on several instances: a row is claimed with its ETag before it is sent (a lease
/// of <c>Outbox:LeaseDuration</c>; whoever loses the claim leaves it alone), sent by the handler of its kind, and then
/// marked with how it went: delivered, unreachable, or due again after a backoff. A handler that records the delivery
/// on the change the row told about marks the row delivered in that same transaction (<see cref="OutboxEntity.SettleDelivered"/>).
/// A row that was sent but could not be marked is remembered in memory, so this instance marks it later instead of
/// sending it twice.
/// </summary>
public sealed partial class OutboxDelivery
{
    private const int Stripes = 64;

    private readonly TableStorage _storage;
    private readonly FrozenDictionary<string, IOutboxHandler> _handlers;
    private readonly IReadOnlyList<OutboxTable> _tables;
    private readonly IOptions<OutboxOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxDelivery> _logger;
    private readonly ConcurrentDictionary<string, LazyTable> _lazyTables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _sentNotRecorded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _partitionGates = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly string _instance = $"{Environment.MachineName}/{Guid.NewGuid().ToString("N")[..8]}";

    public OutboxDelivery(
        TableStorage storage,
        IEnumerable<IOutboxHandler> handlers,
        IEnumerable<OutboxTable> tables,
        IOptions<OutboxOptions> options,
        TimeProvider clock,
        ILogger<OutboxDelivery> logger)
    {
        _storage = storage;
        _handlers = handlers.ToFrozenDictionary(handler => handler.Kind, StringComparer.Ordinal);
        _tables = [.. tables.DistinctBy(table => table.Name)];
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Delivers what is pending in one partition; <paramref name="force"/> also takes rows that are backing off.</summary>
    public async Task<IReadOnlyList<OutboxReport>> DeliverPartitionAsync(string table, string partitionKey, bool force, CancellationToken cancellationToken)
    {
        var client = await Table(table).GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {OutboxEntity.RowKeyPrefix} and RowKey lt {OutboxEntity.RowKeyEnd} and Pending eq {true}");
        var gate = Gate(table, partitionKey);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var rows = await client.ListAsync<OutboxEntity>(filter, cancellationToken: cancellationToken);
            return await DeliverRowsAsync(table, client, rows, force, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Delivers the outbox rows a commit just wrote, as they were written (<see cref="OutboxDispatcher.Kick"/>): each is
    /// claimed at the ETag the commit gave it, so no read of the partition is needed, and a row that someone else has
    /// claimed or settled since is left to them. The handlers are given the rest of <paramref name="committed"/>.
    /// </summary>
    public async Task<IReadOnlyList<OutboxReport>> DeliverCommittedAsync(string table, IReadOnlyList<ITableEntity> committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(committed);
        var client = await Table(table).GetAsync(cancellationToken);
        var reports = new List<OutboxReport>();
        foreach (var entity in committed)
        {
            if (entity is OutboxEntity { Pending: true } row && row.ETag != default)
            {
                var now = _clock.GetUtcNow();
                var outcome = HeldByThisCommit(row, now)
                    ? await DeliverRowAsync(table, client, row, committed, cancellationToken, held: true)
                    : IsDue(row, now, force: false)
                        ? await DeliverRowAsync(table, client, row, committed, cancellationToken)
                        : OutboxOutcome.Pending;
                reports.Add(new OutboxReport(row.RowKey, row.Kind, outcome));
            }
        }

        return reports;
    }

    /// <summary>
    /// One pass over every outbox table: a filtered query for pending rows (row key prefix and <c>Pending eq true</c>),
    /// then each partition with a row that is due. Returns how many rows were settled (delivered or given up on).
    /// </summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        foreach (var table in _tables)
        {
            var client = await Table(table.Name).GetAsync(cancellationToken);
            var filter = TableClient.CreateQueryFilter(
                $"RowKey ge {OutboxEntity.RowKeyPrefix} and RowKey lt {OutboxEntity.RowKeyEnd} and Pending eq {true}");
            var pending = await client.ListAsync<OutboxEntity>(filter, select: [nameof(OutboxEntity.PartitionKey), nameof(OutboxEntity.NextAttemptAt), nameof(OutboxEntity.LeaseUntil)], cancellationToken);
            var now = _clock.GetUtcNow();
            foreach (var partition in pending.Where(row => IsDue(row, now, force: false)).Select(row => row.PartitionKey).Distinct(StringComparer.Ordinal))
            {
                var reports = await DeliverPartitionAsync(table.Name, partition, force: false, cancellationToken);
                settled += reports.Count(report => report.Outcome != OutboxOutcome.Pending);
            }
        }

        return settled;
    }

    private async Task<IReadOnlyList<OutboxReport>> DeliverRowsAsync(
        string tableName, TableClient table, IReadOnlyList<OutboxEntity> rows, bool force, CancellationToken cancellationToken)
    {
        var reports = new List<OutboxReport>(rows.Count);
        var newest = rows
            .Where(row => row.CollapseKey is not null)
            .GroupBy(row => row.CollapseKey!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.MaxBy(row => row.RowKey, StringComparer.Ordinal)!, StringComparer.Ordinal);
        foreach (var row in rows.OrderBy(row => row.RowKey, StringComparer.Ordinal))
        {
            if (row.CollapseKey is { } key && !ReferenceEquals(newest[key], row))
            {
                continue;
            }

            var outcome = IsDue(row, _clock.GetUtcNow(), force)
                ? await DeliverRowAsync(tableName, table, row, [], cancellationToken)
                : OutboxOutcome.Pending;
            reports.Add(new OutboxReport(row.RowKey, row.Kind, outcome));
            if (row.CollapseKey is { } collapse && outcome is OutboxOutcome.Delivered or OutboxOutcome.Unreachable)
            {
                foreach (var older in rows.Where(other => other.CollapseKey == collapse && !ReferenceEquals(other, row)))
                {
                    await SupersedeAsync(table, older, cancellationToken);
                    reports.Add(new OutboxReport(older.RowKey, older.Kind, OutboxOutcome.Superseded));
                }
            }
        }

        return reports;
    }

    /// <summary>Claim, send, record (unless the handler recorded it, <see cref="OutboxResult.Settled"/>). Returns the outcome (<see cref="OutboxOutcome.Pending"/> when it will be tried again).</summary>
    /// <param name="held">The row was committed already claimed for this delivery (<see cref="OutboxDispatcher.HeldForKick"/>): no claim is written.</param>
    private async Task<string> DeliverRowAsync(
        string tableName, TableClient table, OutboxEntity row, IReadOnlyList<ITableEntity> committed, CancellationToken cancellationToken, bool held = false)
    {
        var options = _options.Value;
        var now = _clock.GetUtcNow();
        var claimed = held ? row : row with { LeaseUntil = now + options.LeaseDuration, LeaseOwner = _instance, Attempts = row.Attempts + 1 };
        try
        {
            if (!held)
            {
                var response = await table.UpdateEntityAsync(claimed, row.ETag, TableUpdateMode.Replace, cancellationToken);
                claimed.ETag = response.NewETag();
            }
        }
        catch (RequestFailedException lost) when (lost.IsConcurrencyConflict() || lost.IsNotFound())
        {
            // Another instance (or pass) claimed or settled it first.
            return OutboxOutcome.Pending;
        }

        var memo = string.Concat(tableName, "|", row.PartitionKey, "|", row.RowKey);
        var result = _sentNotRecorded.TryGetValue(memo, out var sentId)
            ? new OutboxResult.Delivered(sentId)
            : await SendAsync(claimed, committed, options, cancellationToken);
        if (result is OutboxResult.Delivered delivered)
        {
            _sentNotRecorded[memo] = delivered.ActivityId;
        }

        if (result is OutboxResult.Settled)
        {
            LogAttempt(tableName, row.Kind, OutboxOutcome.Delivered, claimed.Attempts, null);
            return OutboxOutcome.Delivered;
        }

        var settled = Settle(claimed, result, options, _clock.GetUtcNow());
        try
        {
            await table.UpdateEntityAsync(settled, claimed.ETag, TableUpdateMode.Replace, cancellationToken);
            _sentNotRecorded.TryRemove(memo, out _);
        }
        catch (RequestFailedException lost) when (lost.IsConcurrencyConflict())
        {
            LogLeaseLost(tableName, row.Kind);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            // Sent but not marked: the memo keeps this instance from sending it again when the lease runs out.
            LogNotRecorded(exception, tableName, row.Kind);
            return OutboxOutcome.Pending;
        }

        var outcome = settled.Pending ? OutboxOutcome.Pending : settled.Outcome!;
        LogAttempt(tableName, row.Kind, outcome, claimed.Attempts, settled.LastError);
        if (settled.Outcome == OutboxOutcome.Expired)
        {
            LogExpired(tableName, row.Kind, claimed.Attempts, settled.LastError);
        }

        return outcome;
    }

    private async Task<OutboxResult> SendAsync(OutboxEntity row, IReadOnlyList<ITableEntity> committed, OutboxOptions options, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(row.Kind, out var handler))
        {
            LogUnknownKind(row.Kind);
            return new OutboxResult.RetryLater("unknown-kind");
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.DeliveryTimeout);
        try
        {
            return committed.Count == 0
                ? await handler.DeliverAsync(row, attempt.Token)
                : await handler.DeliverAsync(row, committed, attempt.Token);
        }
        catch (ConnectorException exception) when (exception.IsRecipientUnreachable)
        {
            return new OutboxResult.Unreachable(exception.SubCode ?? exception.Code ?? "unreachable");
        }
        catch (ConnectorException exception)
        {
            return new OutboxResult.RetryLater(exception.StatusCode is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : exception.Code ?? "connector");
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            return new OutboxResult.RetryLater("storage");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OutboxResult.RetryLater("timeout");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogHandlerFailed(exception, row.Kind);
            return new OutboxResult.RetryLater("error");
        }
    }

    private OutboxEntity Settle(OutboxEntity claimed, OutboxResult result, OutboxOptions options, DateTimeOffset now) => result switch
    {
        OutboxResult.Delivered delivered => claimed.AsDelivered(delivered.ActivityId, now),
        OutboxResult.Unreachable unreachable => claimed with
        {
            Pending = false, Outcome = OutboxOutcome.Unreachable, Activity = null, LeaseUntil = null, LeaseOwner = null, LastError = unreachable.Reason,
        },
        OutboxResult.RetryLater retry when now - claimed.CreatedAt >= options.GiveUpAfter => claimed with
        {
            Pending = false, Outcome = OutboxOutcome.Expired, LeaseUntil = null, LeaseOwner = null, LastError = retry.Reason,
        },
        OutboxResult.RetryLater retry => claimed with
        {
            NextAttemptAt = now + Backoff(claimed.Attempts, options), LeaseUntil = null, LeaseOwner = null, LastError = retry.Reason,
        },
        _ => throw new InvalidOperationException("Unknown outbox result."),
    };

    private async Task SupersedeAsync(TableClient table, OutboxEntity older, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(
                older with { Pending = false, Outcome = OutboxOutcome.Superseded, Activity = null, LeaseUntil = null, LeaseOwner = null },
                older.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict() || conflict.IsNotFound())
        {
            // Someone else is dealing with it.
        }
    }

    /// <summary>The wait before the next attempt: <c>FirstRetryDelay</c> doubled per earlier attempt, capped, ±20 % jitter.</summary>
    public static TimeSpan Backoff(int attempts, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doubled = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var capped = Math.Min(doubled, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    /// <summary>
    /// A row its commit claimed for the kick that carries it, with time enough left on the lease for a whole attempt
    /// (otherwise it waits for the lease to run out, as any claimed row does).
    /// </summary>
    private bool HeldByThisCommit(OutboxEntity row, DateTimeOffset now) =>
        row is { LeaseOwner: OutboxEntity.HeldByCommit, LeaseUntil: { } until } && until - now >= _options.Value.DeliveryTimeout;

    private static bool IsDue(OutboxEntity row, DateTimeOffset now, bool force) =>
        (row.LeaseUntil is null || row.LeaseUntil <= now) && (force || row.NextAttemptAt <= now);

    private LazyTable Table(string name) => _lazyTables.GetOrAdd(name, _storage.Table);

    private SemaphoreSlim Gate(string table, string partitionKey) =>
        _partitionGates[(int)((uint)StringComparer.Ordinal.GetHashCode(string.Concat(table, "|", partitionKey)) % Stripes)];

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Table} {Kind}: {Outcome} after {Attempts} attempt(s) ({Code})")]
    private partial void LogAttempt(string table, string kind, string outcome, int attempts, string? code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Table} {Kind}: given up after {Attempts} attempts ({Code}); the message was never delivered")]
    private partial void LogExpired(string table, string kind, int attempts, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Table} {Kind}: sent, but the delivery could not be recorded; it will be recorded, not sent, next time")]
    private partial void LogNotRecorded(Exception exception, string table, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Table} {Kind}: the claim ran out before the delivery was recorded")]
    private partial void LogLeaseLost(string table, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row of kind {Kind} has no handler")]
    private partial void LogUnknownKind(string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox handler for {Kind} failed")]
    private partial void LogHandlerFailed(Exception exception, string kind);
}
