using System.Collections.Concurrent;
using Azure.Data.Tables;
using LearningBot.OneStopShop.Answers;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>
/// The question log forgets: months older than <c>OneStopShop:QuestionRetention:Months</c> are deleted whole, once a day
/// on one instance. Each test has tables of its own on Azurite, with a clock it sets.
/// </summary>
public sealed class QuestionRetentionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>With 13 months kept, questions from 1 November 2025 on stay.</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Deletes_the_months_older_than_the_retention_and_leaves_the_current_and_recent_ones()
    {
        var storage = FreshStorage();
        await QuestionLogs.RecordAtAsync(storage, new(2024, 2, 29, 12, 0, 0, TimeSpan.Zero), count: 2);
        await QuestionLogs.RecordAtAsync(storage, new(2025, 10, 31, 23, 59, 59, TimeSpan.Zero), count: 230);
        await QuestionLogs.RecordAtAsync(storage, new(2025, 11, 1, 0, 0, 0, TimeSpan.Zero), count: 3);
        await QuestionLogs.RecordAtAsync(storage, new(2026, 6, 10, 8, 0, 0, TimeSpan.Zero), count: 2);
        await QuestionLogs.RecordAtAsync(storage, Now, count: 4);

        var removed = await Retention(storage, new ManualClock(Now)).RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal(232, removed);
        Assert.Equal(
            new Dictionary<string, int> { ["2025-11"] = 3, ["2026-06"] = 2, ["2026-12"] = 4 },
            await CountByMonthAsync(storage));
    }

    [Fact]
    public async Task Running_again_is_harmless()
    {
        var storage = FreshStorage();
        await QuestionLogs.RecordAtAsync(storage, new(2025, 9, 3, 10, 0, 0, TimeSpan.Zero), count: 5);
        await QuestionLogs.RecordAtAsync(storage, new(2026, 11, 3, 10, 0, 0, TimeSpan.Zero), count: 2);
        var retention = Retention(storage, new ManualClock(Now));

        var first = await retention.RemoveExpiredAsync(CancellationToken.None);
        var second = await retention.RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal((5, 0), (first, second));
        Assert.Equal(new Dictionary<string, int> { ["2026-11"] = 2 }, await CountByMonthAsync(storage));
    }

    [Fact]
    public async Task A_month_becomes_expired_only_when_the_month_thirteen_months_later_is_over()
    {
        var storage = FreshStorage();
        await QuestionLogs.RecordAtAsync(storage, new(2025, 11, 20, 10, 0, 0, TimeSpan.Zero), count: 2);
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        var retention = Retention(storage, clock);

        var onTheLastDay = await retention.RemoveExpiredAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var theDayAfter = await retention.RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal((0, 2), (onTheLastDay, theDayAfter));
    }

    [Fact]
    public async Task Nothing_is_removed_while_another_instance_holds_the_days_lease_and_the_job_runs_once_it_runs_out()
    {
        var storage = FreshStorage();
        await QuestionLogs.RecordAtAsync(storage, new(2025, 1, 15, 10, 0, 0, TimeSpan.Zero), count: 3);
        var clock = new ManualClock(Now);
        var leaseOptions = Options.Create(new LeaseOptions { CheckInterval = TimeSpan.FromMilliseconds(200) });
        var elsewhere = new PeriodicLease(storage, leaseOptions, clock, NullLogger<PeriodicLease>.Instance);
        Assert.NotNull(await elsewhere.TryClaimAsync(QuestionRetention.Job, QuestionRetention.Period, CancellationToken.None));
        var messages = new ConcurrentQueue<string>();
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(new LogCollector(messages, LogLevel.Debug)));
        var here = new PeriodicLease(storage, leaseOptions, clock, logging.CreateLogger<PeriodicLease>());
        using var retention = Retention(storage, clock, here);

        await retention.StartAsync(CancellationToken.None);
        var lookedTwice = await Eventually.TrueAsync(() => messages.Count(m => m.Contains($"Background job {QuestionRetention.Job}: the period", StringComparison.Ordinal) && m.Contains("is taken", StringComparison.Ordinal)) >= 2);
        var whileHeld = await CountByMonthAsync(storage);
        clock.Advance(new LeaseOptions().LeaseDuration + TimeSpan.FromSeconds(1));
        var removedOnceFree = await Eventually.TrueAsync(async () => (await CountByMonthAsync(storage)).Count == 0);
        await retention.StopAsync(CancellationToken.None);

        Assert.True(lookedTwice);
        Assert.Equal(new Dictionary<string, int> { ["2025-01"] = 3 }, whileHeld);
        Assert.True(removedOnceFree);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(121)]
    public void A_retention_shorter_than_the_longest_gaps_report_or_longer_than_ten_years_is_refused(int months)
    {
        var options = new QuestionRetentionOptions { Months = months };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(nameof(QuestionRetentionOptions.Months), Assert.Single(Assert.Single(problems).MemberNames));
    }

    [Fact]
    public void Thirteen_months_are_kept_unless_set_and_always_cover_the_longest_gaps_report()
    {
        var options = new QuestionRetentionOptions();

        Assert.Equal(13, options.Months);
        Assert.Equal(13, QuestionRetentionOptions.MinMonths);
        Assert.Empty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
        foreach (var now in Enumerable.Range(0, 4 * 366).Select(day => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(day)))
        {
            Assert.True(options.KeptFrom(now) <= ReportPeriod.LastDays(ReportPeriod.MaxDays, now).From, $"at {now:o}");
        }
    }

    /// <summary>Tables of this test's own (under the class's prefix, so the fixture still drops them).</summary>
    private TableStorage FreshStorage() =>
        new(new TableServiceClient(azurite.ConnectionString), azurite.TablePrefix + Guid.NewGuid().ToString("N")[..6]);

    private static QuestionRetention Retention(TableStorage storage, ManualClock clock, PeriodicLease? lease = null) => new(
        storage,
        lease ?? new PeriodicLease(storage, Options.Create(new LeaseOptions()), clock, NullLogger<PeriodicLease>.Instance),
        Options.Create(new QuestionRetentionOptions()),
        clock,
        NullLogger<QuestionRetention>.Instance);

    private static async Task<Dictionary<string, int>> CountByMonthAsync(TableStorage storage)
    {
        var table = await storage.Table(QuestionLog.TableName).GetAsync(CancellationToken.None);
        var rows = await table.ListAsync<TableEntity>(null, [nameof(ITableEntity.PartitionKey)], CancellationToken.None);
        return rows.GroupBy(row => row.PartitionKey).ToDictionary(group => group.Key, group => group.Count());
    }
}
