using System.Collections.Concurrent;
using System.Globalization;
using LearningBot.Connector.Client;
using LearningBot.Delivery.Sending;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Delivery;

public sealed class TenantSendBudgetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private TenantSendBudget Budget(string tenant, SendBudgetOptions options, TimeProvider? time = null, ConnectorTraffic? traffic = null) => new(
        azurite.Storage,
        traffic ?? new ConnectorTraffic(),
        Options.Create(options),
        Options.Create(new RecipientReachOptions { TenantId = tenant }),
        time ?? TimeProvider.System,
        NullLogger<TenantSendBudget>.Instance);

    [Fact]
    public async Task Two_instances_on_one_table_never_grant_more_than_the_tenant_limit_in_any_second()
    {
        var tenant = Guid.NewGuid().ToString();
        var options = new SendBudgetOptions { PerSecond = 10, BlockSize = 3 };
        var grants = new ConcurrentDictionary<long, int>();
        var instances = new[] { Budget(tenant, options), Budget(tenant, options) };
        foreach (var instance in instances)
        {
            instance.Granted = due => grants.AddOrUpdate(due.ToUnixTimeSeconds(), 1, (_, count) => count + 1);
        }

        var taken = new TokenCount(3 * options.PerSecond);
        await Task.WhenAll(instances.SelectMany(instance => Enumerable.Range(0, 3).Select(_ => SpendAsync(instance, taken))));

        Assert.All(grants, slot => Assert.InRange(slot.Value, 1, options.PerSecond));
        var partition = LearningBot.Storage.TableKeys.Encode(tenant);
        var rows = azurite.Table(TenantSendBudget.TableName).Query<SendBudgetSlot>(row => row.PartitionKey == partition).ToList();
        Assert.All(rows, row => Assert.Equal((row.Second % TenantSendBudget.RingSize).ToString("000", CultureInfo.InvariantCulture), row.RowKey));
        Assert.All(rows, row => Assert.InRange(row.Taken, 1, options.PerSecond));
    }

    [Fact]
    public async Task Two_instances_spread_their_sends_so_no_sliding_second_holds_more_than_a_slot()
    {
        var tenant = Guid.NewGuid().ToString();
        var options = new SendBudgetOptions { PerSecond = 20, BlockSize = 4, SlotUsableFraction = 1 };
        var dueAt = new ConcurrentQueue<DateTimeOffset>();
        var instances = new[] { Budget(tenant, options), Budget(tenant, options) };
        foreach (var instance in instances)
        {
            instance.Granted = dueAt.Enqueue;
        }

        var taken = new TokenCount(3 * options.PerSecond);
        await Task.WhenAll(instances.SelectMany(instance => Enumerable.Range(0, 4).Select(_ => SpendAsync(instance, taken))));

        // The times the tokens were due, not when the machine got round to them: the schedule is what is spread.
        var times = dueAt.Order().ToList();
        var busiest = times.Select((start, i) => times.Skip(i).TakeWhile(t => t - start < TimeSpan.FromSeconds(1)).Count()).Max();
        Assert.InRange(busiest, 1, options.PerSecond);
    }

    [Fact]
    public async Task Replies_the_instance_sent_outside_deliveries_use_up_their_share_of_the_second()
    {
        var tenant = Guid.NewGuid().ToString();
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var traffic = new ConnectorTraffic();
        var budget = Budget(tenant, new SendBudgetOptions { PerSecond = 100, BlockSize = 3, SlotUsableFraction = 1 }, clock, traffic);
        for (var reply = 0; reply < 4; reply++)
        {
            traffic.Count();
        }

        await budget.WaitAsync(null, SendPace.Paced, CancellationToken.None);

        var slot = Assert.Single(azurite.Table(TenantSendBudget.TableName).Query<SendBudgetSlot>(row => row.PartitionKey == LearningBot.Storage.TableKeys.Encode(tenant)));
        Assert.Equal(4 + 3, slot.Taken); // the four replies, then this instance's block of three
    }

    [Fact]
    public async Task A_prompt_send_goes_at_once_even_when_the_budget_cannot_reach_storage()
    {
        var unreachable = LearningBot.Storage.TableStorage.Create(new LearningBot.Storage.TableStorageOptions
        {
            ConnectionString = AzuriteFixture.ConnectionStringThrough(1),
            MaxRetries = 0,
        });
        var budget = new TenantSendBudget(
            unreachable, new ConnectorTraffic(), Options.Create(new SendBudgetOptions()), Options.Create(new RecipientReachOptions()),
            TimeProvider.System, NullLogger<TenantSendBudget>.Instance);

        await budget.WaitAsync("a:channel", SendPace.Prompt, CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => budget.WaitAsync("a:channel", SendPace.Paced, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Prompt_sends_are_taken_off_the_next_block_the_instance_claims()
    {
        var tenant = Guid.NewGuid().ToString();
        var traffic = new ConnectorTraffic();
        var budget = Budget(tenant, new SendBudgetOptions { PerSecond = 100, BlockSize = 3, SlotUsableFraction = 1 },
            new ManualClock(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)), traffic);
        for (var prompt = 0; prompt < 2; prompt++)
        {
            await budget.WaitAsync(null, SendPace.Prompt, CancellationToken.None);
            traffic.Count(); // the request the connector client made for it
        }

        await budget.WaitAsync(null, SendPace.Paced, CancellationToken.None);

        var slot = Assert.Single(azurite.Table(TenantSendBudget.TableName).Query<SendBudgetSlot>(row => row.PartitionKey == LearningBot.Storage.TableKeys.Encode(tenant)));
        Assert.Equal(2 + 3, slot.Taken);
    }

    [Fact]
    public async Task Prompt_sends_keep_to_the_conversation_limit()
    {
        var budget = Budget(Guid.NewGuid().ToString(), new SendBudgetOptions(), new ManualClock());
        for (var prompt = 0; prompt < 7; prompt++)
        {
            await budget.WaitAsync("a:chat", SendPace.Prompt, CancellationToken.None);
        }

        Assert.True(budget.TimeUntilFree("a:chat") > TimeSpan.Zero, "An eighth message in the same second would go.");
        Assert.Equal(TimeSpan.Zero, budget.TimeUntilFree("a:other"));
    }

    [Fact]
    public void Throttled_blocks_that_conversation_for_the_delay_and_leaves_the_others()
    {
        var clock = new ManualClock();
        var budget = Budget(Guid.NewGuid().ToString(), new SendBudgetOptions(), clock);

        budget.Throttled("a:chat", TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), budget.Conversations.TimeUntilFree("a:chat"));
        Assert.Equal(TimeSpan.Zero, budget.Conversations.TimeUntilFree("a:other"));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, budget.Conversations.TimeUntilFree("a:chat"));
    }

    [Fact]
    public async Task A_tenant_level_429_pauses_the_instance_until_the_delay_has_passed()
    {
        var budget = Budget(Guid.NewGuid().ToString(), new SendBudgetOptions { PerSecond = 50 });
        await budget.WaitAsync(null, SendPace.Paced, CancellationToken.None);
        long? granted = null;
        budget.Granted = due => granted ??= due.ToUnixTimeSeconds();

        var pausedAt = DateTimeOffset.UtcNow;
        budget.Throttled(null, TimeSpan.FromSeconds(1.2));
        await budget.WaitAsync(null, SendPace.Paced, CancellationToken.None);

        Assert.True(granted >= pausedAt.AddSeconds(1.2).ToUnixTimeSeconds(), "A token was granted during the pause.");
    }

    /// <summary>Workers take tokens until they have taken this many between them, however slow the machine is.</summary>
    private sealed class TokenCount(int target)
    {
        private int _taken;

        public bool TakeOne() => Interlocked.Increment(ref _taken) <= target;
    }

    private static async Task SpendAsync(TenantSendBudget budget, TokenCount count)
    {
        while (count.TakeOne())
        {
            await budget.WaitAsync(null, SendPace.Paced, CancellationToken.None);
        }
    }
}
