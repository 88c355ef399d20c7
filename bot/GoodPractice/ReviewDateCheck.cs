using LearningBot.Calendar;
using LearningBot.Outbox;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using Microsoft.Extensions.Options;

namespace LearningBot.GoodPractice;

/// <summary>
/// Tells the good-practice editors when an approved example's review date comes (the UK day), run by one instance at a
/// time (a <see cref="PeriodicLease"/> each <see cref="GoodPracticeOptions.ReviewCheckInterval"/>, whose periods start
/// on the hour, so one starts at midnight in London in summer and winter): its moderation card is posted
/// again in the L&amp;D channel with Keep and Retire. Each date is told once: the notice is claimed on the example
/// (<see cref="GoodPracticeExample.ReviewNoticeFor"/>) in the same transaction as the outbox row that posts it.
/// </summary>
public sealed class ReviewDateCheck(
    GoodPracticeStore store,
    OutboxDispatcher outbox,
    PeriodicLease lease,
    IOptions<GoodPracticeOptions> options,
    TimeProvider clock,
    ILogger<ReviewDateCheck> logger) : BackgroundService
{
    public const string JobName = "good-practice-review-dates";

    /// <summary>Tells the editors of every review date that has come and was not told yet; how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = UkTime.Today(clock);
        var told = 0;
        foreach (var example in await store.ListAsync(ExampleStatus.Approved, cancellationToken))
        {
            if (example.ReviewDue is not { } due || UkTime.Today(due) > today || example.ReviewNoticeFor == due)
            {
                continue;
            }

            var change = await store.ChangeAsync(example.Id, current => current.Status == ExampleStatus.Approved && current.ReviewDue == due && current.ReviewNoticeFor != due
                    ? new EntityDecision<GoodPracticeExample>.Write(current with { ReviewNoticeFor = due })
                    : new EntityDecision<GoodPracticeExample>.Keep(),
                changed => [GoodPracticeModerationCard.ReviewNotice(changed)], cancellationToken);
            told += change is { Changed: true } ? 1 : 0;
        }

        if (told > 0)
        {
            await outbox.DeliverSoonAsync(GoodPracticeStore.TableName, GoodPracticeExample.Partition, cancellationToken);
        }

        return told;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ReviewCheckInterval == TimeSpan.Zero)
        {
            return;
        }

        await lease.RunEachPeriodAsync(JobName, options.Value.ReviewCheckInterval, async token =>
        {
            var told = await RunOnceAsync(token);
            logger.LogInformation("Good-practice review dates: {Told} told to the editors", told);
        }, stoppingToken);
    }
}
