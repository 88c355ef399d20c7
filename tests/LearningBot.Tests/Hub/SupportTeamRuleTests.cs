using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Hub;

/// <summary><see cref="LearningHubOptions.IsSupportTeam"/>: the one rule for who is on the L&amp;D Support Team.</summary>
public sealed class SupportTeamRuleTests
{
    private static readonly LearningHubOptions Hub = new() { SupportTeam = [" 5E1F7A20-0000-4000-8000-0000000005E1 ", "29:1-sam"] };

    [Fact]
    public void A_member_listed_by_entra_object_id_counts_whatever_the_case_and_spacing()
    {
        Assert.True(Hub.IsSupportTeam(new ChannelAccount { Id = "29:1-other", AadObjectId = "5e1f7a20-0000-4000-8000-0000000005e1" }));
    }

    [Fact]
    public void A_member_listed_by_teams_user_id_counts()
    {
        Assert.True(Hub.IsSupportTeam(new ChannelAccount { Id = "29:1-sam", AadObjectId = "0b8f0d8e-0000-4000-8000-000000000001" }));
    }

    [Fact]
    public void Anyone_else_or_no_sender_does_not()
    {
        Assert.False(Hub.IsSupportTeam(TestPerson.Alex.Account()));
        Assert.False(Hub.IsSupportTeam(new ChannelAccount()));
        Assert.False(Hub.IsSupportTeam(null));
        Assert.False(new LearningHubOptions { SupportTeam = [""] }.IsSupportTeam(new ChannelAccount { Id = "", AadObjectId = "" }));
    }
}
