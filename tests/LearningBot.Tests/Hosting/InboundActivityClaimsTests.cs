using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Hosting;

public sealed class InboundActivityClaimsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T14:39:58Z");

    [Fact]
    public void A_redelivery_after_the_bucket_ends_finds_the_first_claim_by_the_activity_timestamp()
    {
        var activity = new Activity { Type = "message", Id = "f:1", Timestamp = Now, Conversation = new ConversationAccount { Id = "a:chat" } };

        var first = InboundActivityClaims.KeyFor(activity, Now);
        var redelivered = InboundActivityClaims.KeyFor(activity, Now.AddSeconds(20));

        Assert.Equal(first, redelivered);
        Assert.StartsWith("202611201430-", first.PartitionKey, StringComparison.Ordinal);
        Assert.DoesNotContain("chat", first.RowKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_activities_in_one_conversation_get_different_claims()
    {
        var one = new Activity { Type = "message", Id = "f:1", Timestamp = Now, Conversation = new ConversationAccount { Id = "a:chat" } };

        Assert.NotEqual(InboundActivityClaims.KeyFor(one, Now).RowKey, InboundActivityClaims.KeyFor(one with { Id = "f:2" }, Now).RowKey);
    }

    [Theory]
    [InlineData("a:chat", "f:1")]
    [InlineData("19:abc@thread.tacv2;messageid=1700000000000", "1700000000001")]
    [InlineData("a:élève-日本", "f:2")]
    [InlineData(null, null)]
    public void Claim_keys_are_the_hashed_ids_under_the_bucket_and_shard(string? conversationId, string? activityId)
    {
        AssertKeysAsStored(conversationId, activityId);
    }

    [Fact]
    public void Claim_keys_of_ids_too_long_for_the_stack_are_the_same_hash()
    {
        AssertKeysAsStored("a:" + new string('x', 700), "f:" + new string('y', 300));
    }

    // The keys claims already stored were made with: a redelivery across a deployment must find them.
    private static void AssertKeysAsStored(string? conversationId, string? activityId)
    {
        var activity = new Activity { Type = "message", Id = activityId, Timestamp = Now, Conversation = conversationId is null ? null : new ConversationAccount { Id = conversationId } };
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(conversationId, "\n", activityId)));

        var key = InboundActivityClaims.KeyFor(activity, Now);

        Assert.Equal("202611201430-" + (hash[0] % 16).ToString("x", System.Globalization.CultureInfo.InvariantCulture), key.PartitionKey);
        Assert.Equal(Convert.ToHexStringLower(hash), key.RowKey);
    }
}
