using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningBot.Tests.Hosting;

/// <summary>Conversation references in real table storage (Azurite), with what was last written remembered in a bounded cache.</summary>
public sealed class ConversationReferenceStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Many_different_conversations_keep_the_memory_of_written_references_within_its_capacity()
    {
        var (store, writes) = NewStore(remembered: 20);
        using var _ = store;

        for (var i = 0; i < 200; i++)
        {
            await store.RememberAsync(GroupMessage("19:group-" + i + "@thread.v2"), CancellationToken.None);
            Assert.InRange(store.Remembered, 0, 20);
        }

        Assert.Equal(200, writes.Count);
        Assert.NotNull(await store.FindConversationAsync("19:group-0@thread.v2", CancellationToken.None));
        Assert.NotNull(await store.FindConversationAsync("19:group-199@thread.v2", CancellationToken.None));
    }

    [Fact]
    public async Task A_steady_conversation_is_written_once()
    {
        var (store, writes) = NewStore(remembered: 20);
        using var _ = store;

        for (var i = 0; i < 5; i++)
        {
            await store.RememberAsync(GroupMessage("19:steady@thread.v2"), CancellationToken.None);
        }

        Assert.Equal(1, writes.Count);
    }

    private (ConversationReferenceStore Store, WriteCounter Writes) NewStore(int remembered)
    {
        var writes = new WriteCounter();
        var options = TableStorage.ClientOptions(new TableStorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = azurite.TablePrefix });
        options.AddPolicy(writes, HttpPipelinePosition.PerCall);
        var storage = new TableStorage(new TableServiceClient(azurite.ConnectionString, options), azurite.TablePrefix);
        return (new ConversationReferenceStore(storage, NullLogger<ConversationReferenceStore>.Instance, remembered), writes);
    }

    private static Activity GroupMessage(string conversationId) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/uk/",
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "groupChat" },
        From = new ChannelAccount { Id = "29:someone", Name = "Someone" },
        Recipient = new ChannelAccount { Id = "28:learningbot", Name = "LearningBot" },
    };

    /// <summary>Counts the entity writes (PUT, PATCH, MERGE) the store sends.</summary>
    private sealed class WriteCounter : HttpPipelinePolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method == RequestMethod.Put || message.Request.Method == RequestMethod.Patch)
            {
                Interlocked.Increment(ref _count);
            }

            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The stores only send asynchronously.");
    }
}
