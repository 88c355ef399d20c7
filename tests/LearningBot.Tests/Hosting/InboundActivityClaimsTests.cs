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
}
