using Azure.Data.Tables;
using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.Delivery.Sending;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Delivery.Engine;

public sealed class DeliveryLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly ConversationReference RequesterChat = new()
    {
        ServiceUrl = "https://smba.trafficmanager.net/uk/",
        Conversation = new ConversationAccount { Id = "a:requester-chat" },
    };

    [Fact]
    public async Task Starts_then_completes_sending_each_recipient_once_and_counts_people_without_teams()
    {
        var storage = new DeliveryStorage(azurite);
        var notifier = new RecordingProgressNotifier();
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender(), notifier);
        List<DeliveryRecipient> recipients =
        [
            .. DeliveryStack.People(70),
            DeliveryRecipient.Person("person-00001"),
            DeliveryRecipient.Person("volunteer-1", "Friends of the Hospice", "volunteers", usesTeams: false),
            DeliveryRecipient.Person("volunteer-2", "Friends of the Hospice", "volunteers", usesTeams: false),
        ];

        var started = await stack.Deliveries.StartAsync(DeliveryStack.Request("bulletin-1", recipients, RequesterChat), CancellationToken.None);
        await stack.StartWorkerAsync();

        Assert.False(started.AlreadyExisted);
        await stack.AssertFinishesAsync(storage, started.DeliveryId);
        var progress = (await stack.Deliveries.GetProgressAsync(started.DeliveryId, CancellationToken.None))!;
        Assert.Equal(DeliveryStatuses.Completed, progress.Status);
        Assert.Equal((72, 70, 2, 0, 0, 0), (progress.Total, progress.Sent, progress.Unreachable, progress.Failed, progress.Cancelled, progress.Pending));
        Assert.NotNull(progress.FinishedAt);
        var accepted = stack.Sender.AcceptedPerKey();
        Assert.Equal(70, accepted.Count);
        Assert.All(accepted.Values, sends => Assert.Equal(1, sends));
        Assert.DoesNotContain("volunteer-1", accepted.Keys);
        Assert.All(stack.Sender.Accepted, send => Assert.Equal(DeliveryStack.MessageText, send.Message.Text));
        var (startedCard, to) = Assert.Single(notifier.Started);
        Assert.Equal((started.DeliveryId, 72, DeliveryStatuses.Sending), (startedCard.DeliveryId, startedCard.Total, startedCard.Status));
        Assert.Equal("a:requester-chat", to.Conversation?.Id);
        Assert.Empty(await storage.Tables.Service.GetTableClient(storage.Tables.TableName(DeliveryStore.TableName))
            .QueryAsync<ActiveDeliveryEntity>(row => row.PartitionKey == ActiveDeliveryEntity.ActivePartition).ToListAsync());
    }

    [Fact]
    public async Task Report_has_a_line_per_recipient_with_its_outcome_and_never_the_message()
    {
        var storage = new DeliveryStorage(azurite);
        var sender = new RecordingSender
        {
            Answer = (recipient, _, _) => Task.FromResult<RecipientSendResult>(recipient.Key == "person-00002"
                ? new RecipientSendResult.Unreachable("app-blocked")
                : new RecipientSendResult.Sent("1:activity", null)),
        };
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), sender);
        List<DeliveryRecipient> recipients = [.. DeliveryStack.People(3), DeliveryRecipient.Person("volunteer-1", "Friends of the Hospice", "volunteers", usesTeams: false)];

        var started = await stack.Deliveries.StartAsync(DeliveryStack.Request("bulletin-report", recipients), CancellationToken.None);
        await stack.StartWorkerAsync();
        await stack.AssertFinishesAsync(storage, started.DeliveryId);

        var lines = await stack.Deliveries.ReportAsync(started.DeliveryId, CancellationToken.None).ToListAsync();
        Assert.Equal(4, lines.Count);
        Assert.Equal(2, lines.Count(line => line is { Outcome: DeliveryOutcomes.Sent, RecipientKind: RecipientKinds.Person, At: not null }));
        Assert.Contains(lines, line => line is { Outcome: DeliveryOutcomes.Unreachable, Reason: "app-blocked" });
        Assert.Contains(lines, line => line is { Outcome: DeliveryOutcomes.Unreachable, Reason: "no-teams", Organisation: "Friends of the Hospice", OrganisationKind: "volunteers" });
        Assert.All(lines, line => Assert.DoesNotContain("fire safety", line.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.All(lines, line => Assert.DoesNotContain("person-0000", line.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Asking_twice_for_the_same_delivery_starts_it_once()
    {
        var storage = new DeliveryStorage(azurite);
        var notifier = new RecordingProgressNotifier();
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender(), notifier);
        var request = DeliveryStack.Request("digest-2026-12", DeliveryStack.People(40), RequesterChat);

        var first = await stack.Deliveries.StartAsync(request, CancellationToken.None);
        var second = await stack.Deliveries.StartAsync(request, CancellationToken.None);
        await stack.StartWorkerAsync();

        Assert.Equal(first.DeliveryId, second.DeliveryId);
        Assert.Equal((false, true), (first.AlreadyExisted, second.AlreadyExisted));
        await stack.AssertFinishesAsync(storage, first.DeliveryId);
        Assert.Equal(40, stack.Sender.Accepted.Count);
        Assert.Single(notifier.Started);
        var other = await stack.Deliveries.StartAsync(request with { Purpose = "another-purpose" }, CancellationToken.None);
        Assert.NotEqual(first.DeliveryId, other.DeliveryId);
    }

    [Fact]
    public async Task Keeps_each_deliverys_ledger_in_a_table_of_its_own_and_only_headers_in_the_deliveries_table()
    {
        var storage = new DeliveryStorage(azurite);
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender());
        var first = await stack.Deliveries.StartAsync(DeliveryStack.Request("own-ledger-1", DeliveryStack.People(5)), CancellationToken.None);
        var second = await stack.Deliveries.StartAsync(DeliveryStack.Request("own-ledger-2", DeliveryStack.People(7)), CancellationToken.None);
        await stack.StartWorkerAsync();

        await stack.AssertFinishesAsync(storage, first.DeliveryId);
        await stack.AssertFinishesAsync(storage, second.DeliveryId);
        Assert.Equal(DeliveryStore.LedgerTableName(first.DeliveryId), (await storage.HeaderAsync(first.DeliveryId))!.LedgerTable);
        Assert.Equal(5, (await storage.LedgerAsync(first.DeliveryId)).Count(row => row.Outcome == DeliveryOutcomes.Sent));
        Assert.Equal(7, (await storage.LedgerAsync(second.DeliveryId)).Count(row => row.Outcome == DeliveryOutcomes.Sent));
        var shared = await (await storage.TableAsync()).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]).ToListAsync();
        Assert.All(shared, row => Assert.True(row.RowKey == DeliveryEntity.HeaderRowKey || row.PartitionKey == ActiveDeliveryEntity.ActivePartition, row.RowKey));
        Assert.Equal(12, stack.Sender.Accepted.Count);
    }

    [Fact]
    public async Task Carries_out_a_delivery_recorded_with_its_ledger_beside_its_header()
    {
        var storage = new DeliveryStorage(azurite);
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender());
        var request = DeliveryStack.Request("ledger-beside-header", DeliveryStack.People(6));
        var deliveryId = DeliveryKeys.DeliveryId(request.Purpose, request.IdempotencyKey);
        await storage.AddHeaderWithoutLedgerTableAsync(request, deliveryId, total: 6);

        await stack.Deliveries.StartAsync(request, CancellationToken.None);
        await stack.StartWorkerAsync();

        await stack.AssertFinishesAsync(storage, deliveryId);
        var beside = await (await storage.TableAsync()).QueryAsync<DeliveryRecipientEntity>(
            row => row.PartitionKey == deliveryId && row.RowKey != DeliveryEntity.HeaderRowKey).ToListAsync();
        Assert.Equal(6, beside.Count(row => row.Outcome == DeliveryOutcomes.Sent));
        Assert.Equal(6, stack.Sender.Accepted.Count);
        var report = await stack.Deliveries.ReportAsync(deliveryId, CancellationToken.None).ToListAsync();
        Assert.Equal(6, report.Count(line => line.Outcome == DeliveryOutcomes.Sent));
    }

    [Fact]
    public async Task Finishes_planning_when_asked_again_after_a_start_that_stopped_half_way()
    {
        var storage = new DeliveryStorage(azurite);
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender());
        var request = DeliveryStack.Request("half-planned", DeliveryStack.People(12));
        var deliveryId = DeliveryKeys.DeliveryId(request.Purpose, request.IdempotencyKey);
        await storage.AddHeaderWithoutLedgerTableAsync(request, deliveryId, total: 12);

        var again = await stack.Deliveries.StartAsync(request, CancellationToken.None);
        await stack.StartWorkerAsync();

        Assert.True(again.AlreadyExisted);
        await stack.AssertFinishesAsync(storage, deliveryId);
        Assert.Equal(12, stack.Sender.AcceptedPerKey().Count);
        Assert.Equal(12, stack.Sender.Accepted.Count);
    }

    [Fact]
    public async Task Refuses_a_message_too_big_for_the_table_property()
    {
        var storage = new DeliveryStorage(azurite);
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender());
        var request = DeliveryStack.Request("too-big", DeliveryStack.People(2)) with
        {
            Message = new Activity { Type = ActivityTypes.Message, Text = new string('x', DeliveryKeys.MaxActivityChars) },
        };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => stack.Deliveries.StartAsync(request, CancellationToken.None));

        Assert.Contains("64 KiB", refused.Message, StringComparison.Ordinal);
        Assert.Null(await stack.Deliveries.GetProgressAsync(DeliveryKeys.DeliveryId(request.Purpose, request.IdempotencyKey), CancellationToken.None));
    }

    [Fact]
    public async Task Cancel_stops_the_remaining_recipients_and_they_show_as_cancelled()
    {
        var storage = new DeliveryStorage(azurite);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new RecordingSender();
        sender.Answer = async (_, _, cancellationToken) =>
        {
            if (sender.Calls.Count > 3)
            {
                await release.Task.WaitAsync(cancellationToken);
            }

            return new RecipientSendResult.Sent("1:sent", null);
        };
        var options = DeliveryStack.FastOptions() with { SendTimeout = TimeSpan.FromSeconds(20), LeaseDuration = TimeSpan.FromSeconds(30), MaxMessagesInFlight = 2, SendsPerMessage = 1 };
        await using var stack = new DeliveryStack(storage, options, sender);

        var started = await stack.Deliveries.StartAsync(DeliveryStack.Request("cancel-me", DeliveryStack.People(100)), CancellationToken.None);
        await stack.StartWorkerAsync();
        Assert.True(await Eventually.TrueAsync(() => sender.Calls.Count >= 5));
        Assert.True(await stack.Deliveries.CancelAsync(started.DeliveryId, "requester-1", CancellationToken.None));
        Assert.False(await stack.Deliveries.CancelAsync(started.DeliveryId, "requester-1", CancellationToken.None));
        release.SetResult();

        await stack.AssertFinishesAsync(storage, started.DeliveryId);
        var progress = (await stack.Deliveries.GetProgressAsync(started.DeliveryId, CancellationToken.None))!;
        Assert.Equal(DeliveryStatuses.Cancelled, progress.Status);
        Assert.Equal(100, progress.Sent + progress.Cancelled);
        Assert.InRange(progress.Cancelled, 90, 96);
        Assert.Equal(progress.Sent, sender.Accepted.Count);
        var lines = await stack.Deliveries.ReportAsync(started.DeliveryId, CancellationToken.None).ToListAsync();
        Assert.Equal(progress.Cancelled, lines.Count(line => line.Outcome == DeliveryOutcomes.Cancelled));
        Assert.False(await stack.Deliveries.CancelAsync(started.DeliveryId, "requester-1", CancellationToken.None));
        Assert.False(await stack.Deliveries.CancelAsync("0123456789abcdef0123456789abcdef", "requester-1", CancellationToken.None));
    }

    [Fact]
    public async Task The_sweep_picks_up_a_delivery_whose_work_messages_were_lost()
    {
        var storage = new DeliveryStorage(azurite);
        var options = DeliveryStack.FastOptions() with { SweepInterval = TimeSpan.FromMilliseconds(200), StallAfter = TimeSpan.FromSeconds(1) };
        await using var stack = new DeliveryStack(storage, options, new RecordingSender());

        var started = await stack.Deliveries.StartAsync(DeliveryStack.Request("lost-messages", DeliveryStack.People(50)), CancellationToken.None);
        await (await storage.QueueAsync()).ClearMessagesAsync();
        await stack.StartWorkerAsync();

        await stack.AssertFinishesAsync(storage, started.DeliveryId);
        Assert.Equal(50, stack.Sender.AcceptedPerKey().Count);
        Assert.Equal(50, stack.Sender.Accepted.Count);
    }
}
