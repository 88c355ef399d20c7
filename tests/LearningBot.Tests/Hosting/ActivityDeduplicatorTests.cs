using System.Security.Cryptography;
using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Hosting;

public sealed class ActivityDeduplicatorTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-20T14:30:00Z");

    [Fact]
    public async Task Ten_times_its_capacity_in_different_activities_within_the_retention_keep_it_within_its_capacity()
    {
        var deduplicator = new ActivityDeduplicator(new ManualClock(Start), capacity: 1_000);

        for (var i = 0; i < 10_000; i++)
        {
            var (_, duplicate) = await deduplicator.ProcessOnceAsync(Message("a:chat", "activity-" + i), () => Task.FromResult<InvokeResponse?>(null));
            Assert.False(duplicate);
            Assert.True(deduplicator.Remembered <= 1_000, $"{deduplicator.Remembered} runs after {i + 1} activities");
        }

        var (_, recent) = await deduplicator.ProcessOnceAsync(Message("a:chat", "activity-9999"), () => Task.FromResult<InvokeResponse?>(null));
        Assert.True(recent);
    }

    [Fact]
    public async Task A_run_still_in_flight_is_never_forgotten_to_make_room()
    {
        var deduplicator = new ActivityDeduplicator(new ManualClock(Start), capacity: 10);
        var slow = new TaskCompletionSource<InvokeResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = deduplicator.ProcessOnceAsync(Message("a:chat", "slow"), () => slow.Task);

        for (var i = 0; i < 100; i++)
        {
            await deduplicator.ProcessOnceAsync(Message("a:chat", "quick-" + i), () => Task.FromResult<InvokeResponse?>(null));
        }

        var redelivery = deduplicator.ProcessOnceAsync(Message("a:chat", "slow"), () => throw new InvalidOperationException("ran twice"));
        slow.SetResult(new InvokeResponse(200));
        Assert.False((await first).WasDuplicate);
        Assert.True((await redelivery).WasDuplicate);
        Assert.InRange(deduplicator.Remembered, 0, 10);
    }

    [Fact]
    public async Task When_every_remembered_run_is_in_flight_a_new_activity_still_runs()
    {
        var deduplicator = new ActivityDeduplicator(new ManualClock(Start), capacity: 2);
        var hold = new TaskCompletionSource<InvokeResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new[] { "one", "two" }.Select(id => deduplicator.ProcessOnceAsync(Message("a:chat", id), () => hold.Task)).ToList();

        var (_, duplicate) = await deduplicator.ProcessOnceAsync(Message("a:chat", "three"), () => Task.FromResult<InvokeResponse?>(null));

        Assert.False(duplicate);
        Assert.Equal(2, deduplicator.Remembered);
        hold.SetResult(null);
        await Task.WhenAll(held);
    }

    [Fact]
    public async Task A_redelivered_invoke_gets_the_first_runs_response_from_memory()
    {
        var deduplicator = new ActivityDeduplicator(new ManualClock(Start));
        var press = Invoke("a:chat", "press");
        var card = new { type = "AdaptiveCard", body = new[] { new { type = "TextBlock", text = "Step 2 of 5: \"Their view\" — ünïcode", wrap = true } } };
        var first = new InvokeResponse(200, AdaptiveCardInvokeResponse.Card(card));

        var (_, wasDuplicate) = await deduplicator.ProcessOnceAsync(press, () => Task.FromResult<InvokeResponse?>(first));
        var (again, duplicate) = await deduplicator.ProcessOnceAsync(press, () => throw new InvalidOperationException("ran twice"));

        Assert.False(wasDuplicate);
        Assert.True(duplicate);
        Assert.Equal(200, again!.Status);
        Assert.Equal(JsonSerializer.Serialize(first.Body, BotJson.Options), JsonSerializer.Serialize(again.Body, BotJson.Options));
    }

    [Fact]
    public async Task Redeliveries_while_the_first_run_is_in_flight_wait_and_get_its_response()
    {
        var deduplicator = new ActivityDeduplicator(new ManualClock(Start));
        var press = Invoke("a:chat", "slow-press");
        var slow = new TaskCompletionSource<InvokeResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = deduplicator.ProcessOnceAsync(press, () => slow.Task);

        var redeliveries = Enumerable.Range(0, 3).Select(_ => deduplicator.ProcessOnceAsync(press, () => throw new InvalidOperationException("ran twice"))).ToList();
        Assert.All(redeliveries, redelivery => Assert.False(redelivery.IsCompleted));
        slow.SetResult(new InvokeResponse(200, AdaptiveCardInvokeResponse.Message("Saved.")));

        var answer = JsonSerializer.Serialize((await first).Response!.Body, BotJson.Options);
        foreach (var redelivery in redeliveries)
        {
            var (response, duplicate) = await redelivery;
            Assert.True(duplicate);
            Assert.Equal(answer, JsonSerializer.Serialize(response!.Body, BotJson.Options));
        }
    }

    [Fact]
    public async Task A_run_is_remembered_for_the_claim_rows_retention_and_then_forgotten()
    {
        var clock = new ManualClock(Start);
        var deduplicator = new ActivityDeduplicator(clock);
        var runs = 0;
        Task<InvokeResponse?> Run() => Task.FromResult<InvokeResponse?>(new InvokeResponse(200 + runs++));
        await deduplicator.ProcessOnceAsync(Invoke("a:chat", "press"), Run);

        clock.Advance(InboundActivityClaims.Retention);
        var (within, duplicateWithin) = await deduplicator.ProcessOnceAsync(Invoke("a:chat", "press"), Run);
        clock.Advance(TimeSpan.FromSeconds(1));
        var (after, duplicateAfter) = await deduplicator.ProcessOnceAsync(Invoke("a:chat", "press"), Run);

        Assert.True(duplicateWithin);
        Assert.Equal(200, within!.Status);
        Assert.False(duplicateAfter);
        Assert.Equal(201, after!.Status);
        Assert.Equal(1, deduplicator.Remembered);
    }

    [Fact]
    public async Task At_its_byte_limit_it_forgets_the_oldest_finished_responses_and_keeps_the_newest()
    {
        var clock = new ManualClock(Start);
        var deduplicator = new ActivityDeduplicator(clock, capacity: 10_000, maxBytes: 64 * 1024);
        // Random text, so a response stays about as large gzipped.
        var text = Convert.ToHexString(RandomNumberGenerator.GetBytes(1024));

        for (var i = 0; i < 500; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await deduplicator.ProcessOnceAsync(Invoke("a:chat", "press-" + i), () => Task.FromResult<InvokeResponse?>(new InvokeResponse(200, AdaptiveCardInvokeResponse.Message(text + i))));
            Assert.True(deduplicator.RememberedBytes <= 64 * 1024 + 4 * 1024, $"{deduplicator.RememberedBytes} bytes after {i + 1} presses");
        }

        Assert.InRange(deduplicator.Remembered, 10, 100);
        var (newest, duplicate) = await deduplicator.ProcessOnceAsync(Invoke("a:chat", "press-499"), () => throw new InvalidOperationException("ran twice"));
        Assert.True(duplicate);
        Assert.Equal(JsonSerializer.Serialize(AdaptiveCardInvokeResponse.Message(text + 499), BotJson.Options), JsonSerializer.Serialize(newest!.Body, BotJson.Options));
        var (_, oldest) = await deduplicator.ProcessOnceAsync(Invoke("a:chat", "press-0"), () => Task.FromResult<InvokeResponse?>(new InvokeResponse(200)));
        Assert.False(oldest);
    }

    [Fact]
    public async Task A_run_that_failed_is_forgotten_so_a_redelivery_runs_it()
    {
        var deduplicator = new ActivityDeduplicator(new ManualClock(Start));
        var press = Invoke("a:chat", "press");

        await Assert.ThrowsAsync<InvalidOperationException>(() => deduplicator.ProcessOnceAsync(press, () => throw new InvalidOperationException("failed")));
        var (response, duplicate) = await deduplicator.ProcessOnceAsync(press, () => Task.FromResult<InvokeResponse?>(new InvokeResponse(200)));

        Assert.False(duplicate);
        Assert.Equal(200, response!.Status);
        Assert.Equal(1, deduplicator.Remembered);
    }

    private static Activity Message(string conversationId, string id) =>
        new() { Type = ActivityTypes.Message, Id = id, Conversation = new ConversationAccount { Id = conversationId } };

    private static Activity Invoke(string conversationId, string id) =>
        Message(conversationId, id) with { Type = ActivityTypes.Invoke, Name = "adaptiveCard/action" };
}
