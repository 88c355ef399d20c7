using LearningBot.Delivery;
using LearningBot.Delivery.Sending;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Delivery.Engine;

public sealed class DeliveryRetryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_throttled_recipient_waits_its_retry_after_without_holding_up_the_others()
    {
        var storage = new DeliveryStorage(azurite);
        var retryAfter = TimeSpan.FromSeconds(1);
        var sender = new RecordingSender
        {
            Answer = (recipient, attempt, _) => Task.FromResult<RecipientSendResult>(recipient.Key == "person-00001" && attempt == 1
                ? new RecipientSendResult.Throttled(retryAfter)
                : new RecipientSendResult.Sent("1:sent", null)),
        };
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions() with { SendsPerMessage = 1 }, sender);

        var started = await stack.Deliveries.StartAsync(DeliveryStack.Request("throttled", DeliveryStack.People(20)), CancellationToken.None);
        await stack.StartWorkerAsync();

        await stack.AssertFinishesAsync(storage, started.DeliveryId);
        var throttledCalls = sender.Calls.Where(call => call.Key == "person-00001").Select(call => call.At).ToList();
        Assert.Equal(2, throttledCalls.Count);
        Assert.True(throttledCalls[1] - throttledCalls[0] >= retryAfter - TimeSpan.FromMilliseconds(50), "the retry came before Retry-After");
        var others = sender.Accepted.Where(send => send.Key != "person-00001").ToList();
        Assert.Equal(19, others.Count);
        Assert.Contains(others, send => send.At > throttledCalls[0] && send.At < throttledCalls[1]);
        var row = Assert.Single(await storage.LedgerAsync(started.DeliveryId), row => row.Key == "person-00001");
        Assert.Equal((DeliveryOutcomes.Sent, 1), (row.Outcome, row.Attempts));
    }

    [Fact]
    public async Task Transient_failures_are_retried_then_the_recipient_fails_with_the_last_error()
    {
        var storage = new DeliveryStorage(azurite);
        var sender = new RecordingSender
        {
            Answer = (recipient, attempt, _) => Task.FromResult<RecipientSendResult>(recipient.Key switch
            {
                "person-00001" => new RecipientSendResult.Transient(attempt < 3 ? "503" : "connection-reset"),
                "person-00002" when attempt == 1 => new RecipientSendResult.Transient("timeout"),
                _ => new RecipientSendResult.Sent("1:sent", null),
            }),
        };
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions() with { MaxAttempts = 3 }, sender);

        var started = await stack.Deliveries.StartAsync(DeliveryStack.Request("flaky", DeliveryStack.People(5)), CancellationToken.None);
        await stack.StartWorkerAsync();

        await stack.AssertFinishesAsync(storage, started.DeliveryId);
        var progress = (await stack.Deliveries.GetProgressAsync(started.DeliveryId, CancellationToken.None))!;
        Assert.Equal((4, 1), (progress.Sent, progress.Failed));
        Assert.Equal(3, sender.CallsFor("person-00001"));
        Assert.Equal(2, sender.CallsFor("person-00002"));
        var poisoned = Assert.Single(await stack.Deliveries.ReportAsync(started.DeliveryId, CancellationToken.None).ToListAsync(), line => line.Outcome == DeliveryOutcomes.Failed);
        Assert.Equal("connection-reset", poisoned.Reason);
    }

    [Fact]
    public async Task A_rejected_send_is_never_retried_and_an_unreachable_one_keeps_its_reason()
    {
        var storage = new DeliveryStorage(azurite);
        var sender = new RecordingSender
        {
            Answer = (recipient, _, _) => Task.FromResult<RecipientSendResult>(recipient.Key switch
            {
                "person-00001" => new RecipientSendResult.Rejected("400"),
                "person-00002" => new RecipientSendResult.Unreachable("left-organisation"),
                _ => new RecipientSendResult.Sent("1:sent", null),
            }),
        };
        await using var stack = new DeliveryStack(storage, DeliveryStack.FastOptions(), sender);

        var started = await stack.Deliveries.StartAsync(DeliveryStack.Request("rejected", DeliveryStack.People(4)), CancellationToken.None);
        await stack.StartWorkerAsync();

        await stack.AssertFinishesAsync(storage, started.DeliveryId);
        Assert.Equal(1, sender.CallsFor("person-00001"));
        Assert.Equal(1, sender.CallsFor("person-00002"));
        var ledger = (await storage.LedgerAsync(started.DeliveryId)).ToDictionary(row => row.Key);
        Assert.Equal((DeliveryOutcomes.Failed, "400"), (ledger["person-00001"].Outcome, ledger["person-00001"].LastError));
        Assert.Equal((DeliveryOutcomes.Unreachable, "left-organisation"), (ledger["person-00002"].Outcome, ledger["person-00002"].Reason));
        var progress = (await stack.Deliveries.GetProgressAsync(started.DeliveryId, CancellationToken.None))!;
        Assert.Equal((2, 1, 1), (progress.Sent, progress.Unreachable, progress.Failed));
    }
}
