using Azure.Data.Tables;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;
using LearningBot.Storage;
using LearningBot.Storage.Leases;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Delivery.Engine;

/// <summary>
/// A finished delivery's ledger (who it went to) is removed <c>Delivery:LedgerRetention</c> after it finished, in a
/// table of its own or (recorded before those) beside its header; its header's counts stay. Deliveries are carried out by one instance on the real clock; the retention runs on a second
/// instance whose clock a test moves on by days.
/// </summary>
public sealed class DeliveryLedgerRetentionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Retention = new DeliveryOptions().LedgerRetention;

    [Fact]
    public async Task Deletes_the_ledger_table_of_a_delivery_finished_longer_ago_than_the_retention_and_marks_its_header()
    {
        var storage = new DeliveryStorage(azurite);
        var (deliveryId, finishedAt) = await FinishedDeliveryAsync(storage, "retention-expired", people: 6);
        var clock = new ManualClock(finishedAt + Retention + TimeSpan.FromMinutes(1));
        await using var later = LaterInstance(storage, clock);
        var hadTable = await TableExistsAsync(storage, DeliveryStore.LedgerTableName(deliveryId));

        var removed = await later.Retention.RemoveExpiredAsync(CancellationToken.None);

        Assert.True(hadTable);
        Assert.Equal(1, removed);
        Assert.False(await TableExistsAsync(storage, DeliveryStore.LedgerTableName(deliveryId)));
        var header = (await storage.HeaderAsync(deliveryId))!;
        Assert.Equal(clock.Now, header.LedgerRemovedAt);
        Assert.Equal((DeliveryStatuses.Completed, 6, 6, finishedAt), (header.Status, header.Total, header.Sent, header.FinishedAt!.Value));
    }

    [Fact]
    public async Task Leaves_a_recent_delivery_and_an_open_one_untouched()
    {
        var storage = new DeliveryStorage(azurite);
        var (recentId, finishedAt) = await FinishedDeliveryAsync(storage, "retention-recent", people: 3);
        var clock = new ManualClock(finishedAt + Retention - TimeSpan.FromHours(1));
        await using var later = LaterInstance(storage, clock);
        var open = await later.Deliveries.StartAsync(DeliveryStack.Request("retention-open", DeliveryStack.People(4)), CancellationToken.None);

        var removedBeforeTime = await later.Retention.RemoveExpiredAsync(CancellationToken.None);
        clock.Advance(Retention * 2);
        await later.Retention.RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal(0, removedBeforeTime);
        Assert.Null((await storage.HeaderAsync(open.DeliveryId))!.LedgerRemovedAt);
        Assert.Equal(4, (await storage.LedgerAsync(open.DeliveryId)).Count);
        Assert.NotNull((await storage.HeaderAsync(recentId))!.LedgerRemovedAt);
    }

    [Fact]
    public async Task Running_again_is_harmless_and_finishes_a_run_that_stopped_after_deleting_the_table()
    {
        var storage = new DeliveryStorage(azurite);
        var (deliveryId, finishedAt) = await FinishedDeliveryAsync(storage, "retention-twice", people: 2);
        var clock = new ManualClock(finishedAt + Retention + TimeSpan.FromDays(1));
        await using var later = LaterInstance(storage, clock);
        await storage.Tables.Service.DeleteTableAsync(storage.Tables.TableName(DeliveryStore.LedgerTableName(deliveryId)));

        var first = await later.Retention.RemoveExpiredAsync(CancellationToken.None);
        var markedAt = (await storage.HeaderAsync(deliveryId))!.LedgerRemovedAt;
        clock.Advance(TimeSpan.FromHours(1));
        var second = await later.Retention.RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first, second));
        Assert.Equal(finishedAt + Retention + TimeSpan.FromDays(1), markedAt);
        Assert.Equal(markedAt, (await storage.HeaderAsync(deliveryId))!.LedgerRemovedAt);
        Assert.False(await TableExistsAsync(storage, DeliveryStore.LedgerTableName(deliveryId)));
    }

    [Fact]
    public async Task Deletes_a_ledger_kept_beside_its_header_row_by_row_in_batches_and_keeps_the_header_with_its_counts()
    {
        var storage = new DeliveryStorage(azurite);
        var (deliveryId, finishedAt) = await FinishedDeliveryAsync(storage, "retention-beside", people: 230, ledgerBesideHeader: true);
        var clock = new ManualClock(finishedAt + Retention + TimeSpan.FromMinutes(1));
        await using var later = LaterInstance(storage, clock);
        var before = await RowsBesideHeaderAsync(storage, deliveryId);

        var removed = await later.Retention.RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal(230, before);
        Assert.Equal(1, removed);
        Assert.Equal(0, await RowsBesideHeaderAsync(storage, deliveryId));
        var header = (await storage.HeaderAsync(deliveryId))!;
        Assert.Null(header.LedgerTable);
        Assert.Equal(clock.Now, header.LedgerRemovedAt);
        Assert.Equal((DeliveryStatuses.Completed, 230, 230, finishedAt), (header.Status, header.Total, header.Sent, header.FinishedAt!.Value));
    }

    [Fact]
    public async Task A_ledger_beside_its_header_is_finished_by_a_second_run_and_a_third_changes_nothing()
    {
        var storage = new DeliveryStorage(azurite);
        var (deliveryId, finishedAt) = await FinishedDeliveryAsync(storage, "retention-beside-twice", people: 7, ledgerBesideHeader: true);
        var clock = new ManualClock(finishedAt + Retention + TimeSpan.FromDays(1));
        await using var later = LaterInstance(storage, clock);
        var deliveries = await storage.TableAsync();
        foreach (var row in (await storage.LedgerAsync(deliveryId)).Take(3))
        {
            await deliveries.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var second = await later.Retention.RemoveExpiredAsync(CancellationToken.None);
        var markedAt = (await storage.HeaderAsync(deliveryId))!.LedgerRemovedAt;
        clock.Advance(TimeSpan.FromHours(1));
        var third = await later.Retention.RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal((1, 0), (second, third));
        Assert.Equal(finishedAt + Retention + TimeSpan.FromDays(1), markedAt);
        Assert.Equal(markedAt, (await storage.HeaderAsync(deliveryId))!.LedgerRemovedAt);
        Assert.Equal(0, await RowsBesideHeaderAsync(storage, deliveryId));
    }

    [Fact]
    public async Task Leaves_a_recent_ledger_beside_its_header_untouched()
    {
        var storage = new DeliveryStorage(azurite);
        var (deliveryId, finishedAt) = await FinishedDeliveryAsync(storage, "retention-beside-recent", people: 4, ledgerBesideHeader: true);
        await using var later = LaterInstance(storage, new ManualClock(finishedAt + Retention - TimeSpan.FromHours(1)));

        var removed = await later.Retention.RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal(0, removed);
        Assert.Null((await storage.HeaderAsync(deliveryId))!.LedgerRemovedAt);
        Assert.Equal(4, await RowsBesideHeaderAsync(storage, deliveryId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_report_after_removal_gives_the_counts_and_says_the_list_was_removed(bool ledgerBesideHeader)
    {
        var storage = new DeliveryStorage(azurite);
        var (deliveryId, finishedAt) = await FinishedDeliveryAsync(storage, "retention-report", people: 5, ledgerBesideHeader);
        var clock = new ManualClock(finishedAt + Retention + TimeSpan.FromMinutes(5));
        await using var later = LaterInstance(storage, clock);
        await later.Retention.RemoveExpiredAsync(CancellationToken.None);

        var progress = (await later.Deliveries.GetProgressAsync(deliveryId, CancellationToken.None))!;
        var lines = await later.Deliveries.ReportAsync(deliveryId, CancellationToken.None).ToListAsync();
        var report = RemovedLedger.Report(progress);

        Assert.True(progress.LedgerRemoved);
        Assert.Equal((5, 5, 0, 0), (progress.Total, progress.Sent, progress.Unreachable, progress.Failed));
        Assert.Empty(lines);
        Assert.False(await TableExistsAsync(storage, DeliveryStore.LedgerTableName(deliveryId)));
        Assert.Equal(0, await RowsBesideHeaderAsync(storage, deliveryId));
        Assert.Contains("Sent: 5", report, StringComparison.Ordinal);
        Assert.Contains("Recipients: 5", report, StringComparison.Ordinal);
        Assert.Contains($"was removed on {LearningBot.Calendar.UkTime.Local(clock.Now):d MMMM yyyy}, after the retention period", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_removes_expired_ledgers_under_a_lease_of_their_own()
    {
        var storage = new DeliveryStorage(azurite);
        var deliveryId = Guid.NewGuid().ToString("N");
        var finishedAt = DateTimeOffset.UtcNow - Retention - TimeSpan.FromDays(10);
        var ledgerTable = DeliveryStore.LedgerTableName(deliveryId);
        var ledger = await storage.Tables.Table(ledgerTable).GetAsync(CancellationToken.None);
        await ledger.AddEntityAsync(new TableEntity(deliveryId, DeliveryKeys.RecipientRowKey(RecipientKinds.Person, "person-1")) { ["Outcome"] = DeliveryOutcomes.Sent });
        await (await storage.TableAsync()).AddEntityAsync(new DeliveryEntity
        {
            PartitionKey = deliveryId, Purpose = "test-bulletin", RequestedBy = "requester-1", Status = DeliveryStatuses.Completed,
            Total = 1, Sent = 1, CreatedAt = finishedAt.AddMinutes(-1), FinishedAt = finishedAt, LastActivityAt = finishedAt, LedgerTable = ledgerTable,
        });
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender());

        await stack.StartWorkerAsync();

        Assert.True(await Eventually.TrueAsync(async () => (await storage.HeaderAsync(deliveryId))?.LedgerRemovedAt is not null));
        Assert.False(await TableExistsAsync(storage, ledgerTable));
        var leases = await storage.Tables.Table(PeriodicLease.TableName).GetAsync(CancellationToken.None);
        Assert.NotNull(await leases.FindAsync<LeaseEntity>(LeaseEntity.JobPartition, DeliveryLedgerRetention.Job));
    }

    [Theory]
    [InlineData("23:59:59")]
    [InlineData("3651.00:00:00")]
    public void A_retention_shorter_than_a_day_or_longer_than_ten_years_is_refused(string retention)
    {
        var options = new DeliveryOptions { LedgerRetention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture) };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(nameof(DeliveryOptions.LedgerRetention), Assert.Single(Assert.Single(problems).MemberNames));
    }

    [Fact]
    public void The_retention_is_ninety_days_unless_set() => Assert.Equal(TimeSpan.FromDays(90), Retention);

    /// <summary>
    /// Starts a delivery to <paramref name="people"/> people and lets an instance on the real clock finish it; with
    /// <paramref name="ledgerBesideHeader"/>, recorded as before ledgers had tables of their own.
    /// </summary>
    private static async Task<(string DeliveryId, DateTimeOffset FinishedAt)> FinishedDeliveryAsync(
        DeliveryStorage storage, string key, int people, bool ledgerBesideHeader = false)
    {
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender());
        var request = DeliveryStack.Request(key, DeliveryStack.People(people));
        if (ledgerBesideHeader)
        {
            await storage.AddHeaderWithoutLedgerTableAsync(request, DeliveryKeys.DeliveryId(request.Purpose, request.IdempotencyKey), people);
        }

        var started = await stack.Deliveries.StartAsync(request, CancellationToken.None);
        await stack.StartWorkerAsync();
        await stack.AssertFinishesAsync(storage, started.DeliveryId);
        var progress = (await stack.Deliveries.GetProgressAsync(started.DeliveryId, CancellationToken.None))!;
        return (started.DeliveryId, progress.FinishedAt!.Value);
    }

    private static DeliveryStack LaterInstance(DeliveryStorage storage, ManualClock clock) =>
        new(storage, DeliveryStack.FastOptions(), new RecordingSender(), clock: clock);

    /// <summary>The rows of the delivery's partition in <c>Deliveries</c> other than its header: a ledger kept beside it.</summary>
    private static async Task<int> RowsBesideHeaderAsync(DeliveryStorage storage, string deliveryId)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {deliveryId} and RowKey ne {DeliveryEntity.HeaderRowKey}");
        return (await (await storage.TableAsync()).ListAsync<TableEntity>(filter, [nameof(TableEntity.RowKey)])).Count;
    }

    private static async Task<bool> TableExistsAsync(DeliveryStorage storage, string ledgerTable)
    {
        var name = storage.Tables.TableName(ledgerTable);
        return await storage.Tables.Service.QueryAsync(table => table.Name == name).AnyAsync();
    }
}
