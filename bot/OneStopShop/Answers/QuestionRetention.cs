using Azure.Data.Tables;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Deletes the question log's months older than <c>OneStopShop:QuestionRetention:Months</c> (before
/// <see cref="QuestionRetentionOptions.KeptFrom"/>): whole month partitions, oldest first, keys only, 100 rows to a
/// transaction. Once a day on one instance of all, under a <see cref="PeriodicLease"/> of its own (as
/// <see cref="Delivery.DeliveryLedgerRetention"/> runs under its own); a run that stops half way is finished by the next.
/// </summary>
public sealed partial class QuestionRetention(
    TableStorage tables,
    PeriodicLease lease,
    IOptions<QuestionRetentionOptions> options,
    TimeProvider clock,
    ILogger<QuestionRetention> logger) : BackgroundService
{
    /// <summary>The job's name in the <c>Leases</c> table.</summary>
    public const string Job = "one-stop-shop-question-retention";

    /// <summary>How often the job runs: it removes whole months, so once a day is plenty.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    private static readonly string[] PartitionColumn = [nameof(ITableEntity.PartitionKey)];

    private readonly LazyTable _table = tables.Table(QuestionLog.TableName);

    /// <summary>One pass; returns how many questions it deleted.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var keptFrom = QuestionRecord.PartitionFor(options.Value.KeptFrom(clock.GetUtcNow()));
        var table = await _table.GetAsync(cancellationToken);
        var removed = 0;
        string? done = null;
        while (await OldestPartitionAsync(table, keptFrom, done, cancellationToken) is { } month)
        {
            var deleted = await table.DeletePartitionRowsAsync(month, rowFilter: null, cancellationToken);
            LogMonthRemoved(month, deleted, options.Value.Months);
            removed += deleted;
            done = month;
        }

        return removed;
    }

    /// <summary>The first partition before <paramref name="keptFrom"/> (and after <paramref name="after"/>), read as one key.</summary>
    private static async Task<string?> OldestPartitionAsync(TableClient table, string keptFrom, string? after, CancellationToken cancellationToken)
    {
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey lt {keptFrom}")
            : TableClient.CreateQueryFilter($"PartitionKey lt {keptFrom} and PartitionKey gt {after}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: PartitionColumn, cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                return page.Values[0].PartitionKey;
            }
        }

        return null;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        lease.RunEachPeriodAsync(Job, Period, RemoveExpiredAsync, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Question log: month {Month} removed after the retention period ({RetentionMonths} months); {Deleted} questions deleted in this run")]
    private partial void LogMonthRemoved(string month, int deleted, int retentionMonths);
}
