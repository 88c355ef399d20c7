using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LearningBot.Connector.Schema;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.OneStopShop.Escalation;

/// <summary>The expert channel setting as one instance remembers it, against real table storage (Azurite).</summary>
public sealed class ExpertChannelStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_channel_chosen_here_while_a_read_of_the_old_one_is_answered_is_used_at_once()
    {
        var clock = new ManualClock();
        var afterRead = new AfterReadPolicy();
        var store = new ExpertChannelStore(Storage(afterRead), clock, new StaticOptionsMonitor<EscalationOptions>(new EscalationOptions()));
        var (old, chosen) = (Channel("19:old-experts@thread.tacv2"), Channel("19:new-experts@thread.tacv2"));
        await store.SetAsync(old, new Actor("sol", "Sol Avery"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));

        // The read of the old channel is answered; before the store has taken its answer, a channel is chosen here.
        afterRead.Once = () => store.SetAsync(chosen, new Actor("sol", "Sol Avery"), CancellationToken.None);
        var read = await store.GetAsync(CancellationToken.None);
        var next = await store.GetAsync(CancellationToken.None);

        Assert.Equal("19:old-experts@thread.tacv2", read?.Conversation.Conversation?.Id);
        Assert.Equal("19:new-experts@thread.tacv2", next?.Conversation.Conversation?.Id);
    }

    private static ExpertChannel Channel(string conversationId) => new(
        new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/uk/",
            Conversation = new ConversationAccount { Id = conversationId },
        },
        "19:team@thread.skype",
        "L&D",
        "Questions",
        "Sol Avery",
        DateTimeOffset.UtcNow);

    private TableStorage Storage(HttpPipelinePolicy policy)
    {
        var options = TableStorage.ClientOptions(new TableStorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = azurite.TablePrefix });
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return new TableStorage(new TableServiceClient(azurite.ConnectionString, options), azurite.TablePrefix);
    }

    /// <summary>Runs what <see cref="Once"/> is given after the next read has been answered, before the store sees the answer.</summary>
    private sealed class AfterReadPolicy : HttpPipelinePolicy
    {
        private Func<Task>? _once;

        public Func<Task>? Once
        {
            set => Volatile.Write(ref _once, value);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Get && Interlocked.Exchange(ref _once, null) is { } once)
            {
                await once();
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The stores only send asynchronously.");
    }
}
