using Azure;
using Azure.Data.Tables;
using LearningBot.Delivery;
using LearningBot.Delivery.Sending;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Delivery.Engine;

public sealed class DeliveryExactlyOnceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Sends_each_recipient_once_when_two_instances_race()
    {
        var storage = new DeliveryStorage(azurite);
        var sender = new RecordingSender();
        var options = DeliveryStack.FastOptions() with { SendsPerMessage = 4 };
        await using var first = new DeliveryStack(storage, options, sender);
        await using var second = new DeliveryStack(storage, options, sender);

        var started = await first.Deliveries.StartAsync(DeliveryStack.Request("race", DeliveryStack.People(200)), CancellationToken.None);
        var duplicate = await (await storage.QueueAsync()).PeekMessagesAsync(32);
        foreach (var message in duplicate.Value)
        {
            // The same work twice in the queue, so both instances meet the same rows at once.
            await (await storage.QueueAsync()).SendMessageAsync(message.MessageText);
        }

        await Task.WhenAll(first.StartWorkerAsync(), second.StartWorkerAsync());

        await first.AssertFinishesAsync(storage, started.DeliveryId);
        var perKey = sender.AcceptedPerKey();
        Assert.Equal(200, perKey.Count);
        Assert.All(perKey.Values, sends => Assert.Equal(1, sends));
        var progress = (await second.Deliveries.GetProgressAsync(started.DeliveryId, CancellationToken.None))!;
        Assert.Equal((200, 200), (progress.Total, progress.Sent));
    }

    [Fact]
    public async Task A_work_message_delivered_twice_does_not_send_twice()
    {
        var storage = new DeliveryStorage(azurite);
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender());

        var started = await stack.Deliveries.StartAsync(DeliveryStack.Request("twice", DeliveryStack.People(64)), CancellationToken.None);
        var queue = await storage.QueueAsync();
        foreach (var message in (await queue.PeekMessagesAsync(32)).Value)
        {
            await queue.SendMessageAsync(message.MessageText);
        }

        await stack.StartWorkerAsync();

        await stack.AssertFinishesAsync(storage, started.DeliveryId);
        Assert.True(await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0));
        Assert.Equal(64, stack.Sender.Accepted.Count);
        Assert.Equal(64, stack.Sender.AcceptedPerKey().Count);
    }

    [Fact]
    public async Task A_new_worker_finishes_what_a_stopped_one_left_claimed_with_no_duplicates_and_no_losses()
    {
        var storage = new DeliveryStorage(azurite);
        var accepted = new RecordingSender();
        var dying = new RecordingSender();
        dying.Answer = async (recipient, _, cancellationToken) =>
        {
            if (dying.Calls.Count > 10)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return await accepted.SendAsync(recipient, new LearningBot.Connector.Schema.Activity { Text = DeliveryStack.MessageText }, LearningBot.Delivery.Sending.SendPace.Paced, cancellationToken);
        };
        var options = DeliveryStack.FastOptions() with { SendTimeout = TimeSpan.FromSeconds(3), LeaseDuration = TimeSpan.FromSeconds(4) };
        await using var first = new DeliveryStack(storage, options, dying);
        var started = await first.Deliveries.StartAsync(DeliveryStack.Request("killed", DeliveryStack.People(120)), CancellationToken.None);
        await first.StartWorkerAsync();
        Assert.True(await Eventually.TrueAsync(() => dying.Calls.Count > 12));
        await first.StopWorkerAsync();
        var leftClaimed = (await storage.LedgerAsync(started.DeliveryId)).Count(row => row.Outcome is null && row.LeaseOwner == first.Instance);
        var sentBefore = accepted.Accepted.Count;

        await using var second = new DeliveryStack(storage, options with { LeaseDuration = TimeSpan.FromSeconds(2), SendTimeout = TimeSpan.FromSeconds(1) }, accepted);
        await second.StartWorkerAsync();

        await second.AssertFinishesAsync(storage, started.DeliveryId);
        Assert.True(leftClaimed > 0, "the stopped worker left no claimed rows behind");
        Assert.InRange(sentBefore, 1, 11);
        var perKey = accepted.AcceptedPerKey();
        Assert.Equal(120, perKey.Count);
        Assert.All(perKey.Values, sends => Assert.Equal(1, sends));
        var progress = (await second.Deliveries.GetProgressAsync(started.DeliveryId, CancellationToken.None))!;
        Assert.Equal((120, 120, 0), (progress.Total, progress.Sent, progress.Pending));
    }

    [Fact]
    public async Task A_delivery_asked_for_again_while_sends_are_in_flight_sends_each_recipient_once()
    {
        var storage = new DeliveryStorage(azurite);
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new RecordingSender();
        sender.Answer = async (_, attempt, cancellationToken) =>
        {
            if (attempt == 1)
            {
                await inFlight.Task.WaitAsync(cancellationToken);
            }

            return new RecipientSendResult.Sent(Guid.NewGuid().ToString("N"), null);
        };
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), sender);
        var request = DeliveryStack.Request("asked-twice", DeliveryStack.People(4));
        var started = await stack.Deliveries.StartAsync(request, CancellationToken.None);
        await stack.StartWorkerAsync();
        Assert.True(await Eventually.TrueAsync(() => sender.Calls.Count >= 2), "no send started");

        await MarkPlanningAsync(storage, started.DeliveryId);
        await stack.Deliveries.StartAsync(request, CancellationToken.None);
        inFlight.SetResult();

        await stack.AssertFinishesAsync(storage, started.DeliveryId);
        var perKey = sender.AcceptedPerKey();
        Assert.Equal(4, perKey.Count);
        Assert.All(perKey.Values, sends => Assert.Equal(1, sends));
        Assert.All(await storage.LedgerAsync(started.DeliveryId), row => Assert.Equal((DeliveryOutcomes.Sent, 1), (row.Outcome, row.Attempts)));
    }

    [Fact]
    public async Task Planning_again_leaves_the_rows_already_written_untouched()
    {
        var storage = new DeliveryStorage(azurite);
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), new RecordingSender());
        var request = DeliveryStack.Request("planned-twice", DeliveryStack.People(150));
        var started = await stack.Deliveries.StartAsync(request, CancellationToken.None);
        var before = (await storage.LedgerAsync(started.DeliveryId)).ToDictionary(row => row.RowKey, row => row.ETag);
        await MarkPlanningAsync(storage, started.DeliveryId);

        await stack.Deliveries.StartAsync(request with { Recipients = DeliveryStack.People(151) }, CancellationToken.None);

        var after = (await storage.LedgerAsync(started.DeliveryId)).ToDictionary(row => row.RowKey, row => row.ETag);
        Assert.Equal(151, after.Count);
        Assert.All(before, row => Assert.Equal(row.Value, after[row.Key]));
    }

    [Fact]
    public async Task A_send_is_recorded_when_its_row_changed_under_the_claim_and_is_not_sent_again()
    {
        var storage = new DeliveryStorage(azurite);
        var sender = new RecordingSender();
        string? deliveryId = null;
        sender.Answer = async (recipient, _, _) =>
        {
            // A write to the claimed row that is not a claim (as planning again used to make): the row's ETag moves on.
            var row = (await storage.LedgerAsync(deliveryId!)).Single(row => row.Key == recipient.Key);
            await (await storage.LedgerTableAsync(deliveryId!)).UpdateEntityAsync(
                new TableEntity(row.PartitionKey, row.RowKey) { ["Organisation"] = "Org renamed" }, ETag.All, TableUpdateMode.Merge);
            return new RecipientSendResult.Sent(Guid.NewGuid().ToString("N"), null);
        };
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), sender);
        deliveryId = (await stack.Deliveries.StartAsync(DeliveryStack.Request("changed-under-claim", DeliveryStack.People(6)), CancellationToken.None)).DeliveryId;

        await stack.StartWorkerAsync();

        await stack.AssertFinishesAsync(storage, deliveryId);
        Assert.Equal(6, sender.Calls.Count);
        Assert.All(await storage.LedgerAsync(deliveryId), row => Assert.Equal((DeliveryOutcomes.Sent, 1), (row.Outcome, row.Attempts)));
    }

    /// <summary>
    /// Puts the header back to planning: what a second start meets when the first has queued its work but not yet marked
    /// the delivery sending (the announcement scan finding a draft whose kick is still planning).
    /// </summary>
    private static async Task MarkPlanningAsync(DeliveryStorage storage, string deliveryId) =>
        await (await storage.TableAsync()).UpdateEntityAsync(
            new TableEntity(deliveryId, DeliveryEntity.HeaderRowKey) { ["Status"] = DeliveryStatuses.Planning },
            ETag.All,
            TableUpdateMode.Merge);
}
