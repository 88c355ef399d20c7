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

    private static Activity Message(string conversationId, string id) =>
        new() { Type = ActivityTypes.Message, Id = id, Conversation = new ConversationAccount { Id = conversationId } };
}
