using Azure;
using LearningBot.GoodPractice.Finding;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.Options;

namespace LearningBot.GoodPractice.Links;

/// <summary>
/// Deletes drafts nobody ever sent (status draft, never submitted) that nobody has touched for
/// <see cref="GoodPracticeFindingOptions.AbandonedDraftAfterDays"/>, run by one instance at a time (a
/// <see cref="PeriodicLease"/>). Examples sent at least once, whatever their status, are left alone; nobody is told.
/// A draft saved again after it was read is kept (the delete is made at the version read).
/// </summary>
public sealed class AbandonedDraftCleanup(
    GoodPracticeStore store,
    TableStorage tables,
    PeriodicLease lease,
    IOptions<GoodPracticeFindingOptions> options,
    TimeProvider clock,
    ILogger<AbandonedDraftCleanup> logger) : BackgroundService
{
    public const string JobName = "good-practice-abandoned-drafts";

    private readonly LazyTable _table = tables.Table(GoodPracticeStore.TableName);

    /// <summary>Deletes every abandoned draft; how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.AbandonedDraftAfterDays);
        var table = await _table.GetAsync(cancellationToken);
        var deleted = 0;
        foreach (var draft in await store.ListAsync(ExampleStatus.Draft, cancellationToken))
        {
            if (draft.Submissions > 0 || draft.SubmittedAt is not null || draft.UpdatedAt >= before)
            {
                continue;
            }

            try
            {
                await table.DeleteEntityAsync(draft.PartitionKey, draft.RowKey, draft.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                // Gone already, or saved again since it was read: either way not ours to delete now.
            }
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AbandonedDraftCheckInterval == TimeSpan.Zero)
        {
            return;
        }

        await lease.RunEachPeriodAsync(JobName, options.Value.AbandonedDraftCheckInterval, async token =>
        {
            var deleted = await RunOnceAsync(token);
            logger.LogInformation("Good-practice drafts: {Deleted} abandoned drafts deleted", deleted);
        }, stoppingToken);
    }
}
