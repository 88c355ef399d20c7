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

    [Theory]
    [InlineData("serviceUrl")]
    [InlineData("channelId")]
    [InlineData("locale")]
    [InlineData("tenant")]
    [InlineData("conversationType")]
    [InlineData("botId")]
    [InlineData("botName")]
    [InlineData("userId")]
    [InlineData("userName")]
    [InlineData("userAadObjectId")]
    public async Task A_reference_that_changed_in_any_part_is_written_again(string part)
    {
        var (store, writes) = NewStore(remembered: 20);
        using var _ = store;
        var conversationId = "a:changed-" + part + "-" + Guid.NewGuid().ToString("N");
        var first = PersonalMessage(conversationId);
        await store.RememberAsync(first, CancellationToken.None);
        await store.RememberAsync(first with { Id = "again" }, CancellationToken.None);
        Assert.Equal(2, writes.Count); // the conversation and the person's chat, once

        var changed = part switch
        {
            "serviceUrl" => first with { ServiceUrl = "https://smba.trafficmanager.net/emea/" },
            "channelId" => first with { ChannelId = "emulator" },
            "locale" => first with { Locale = "cy-GB" },
            "tenant" => first with { Conversation = first.Conversation! with { TenantId = "other-tenant" } },
            "conversationType" => first with { Conversation = first.Conversation! with { ConversationType = "groupChat" } },
            "botId" => first with { Recipient = first.Recipient! with { Id = "28:other-bot" } },
            "botName" => first with { Recipient = first.Recipient! with { Name = "Renamed bot" } },
            "userId" => first with { From = first.From! with { Id = "29:moved" } },
            "userName" => first with { From = first.From! with { Name = "Renamed person" } },
            "userAadObjectId" => first with { From = first.From! with { AadObjectId = Guid.NewGuid().ToString() } },
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
        await store.RememberAsync(changed, CancellationToken.None);

        Assert.True(writes.Count > 2, $"a change of {part} was not written");
        var expected = ConversationReferenceEntity.From(changed, "conversation", conversationId).ToReference();
        Assert.Equal(expected, await store.FindConversationAsync(conversationId, CancellationToken.None));
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

    private static Activity PersonalMessage(string conversationId) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/uk/",
        Locale = "en-GB",
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = "tenant-1" },
        From = new ChannelAccount { Id = "29:person", Name = "A Person", AadObjectId = Guid.NewGuid().ToString() },
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
