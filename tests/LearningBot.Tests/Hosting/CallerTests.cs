using System.Security.Claims;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;

namespace LearningBot.Tests.Hosting;

/// <summary><see cref="Caller"/>: who sent a turn, from an activity the authenticator accepted and nothing else.</summary>
public sealed class CallerTests
{
    private const string AadObjectId = "6a1b0c2d-0000-4000-8000-00000000a1e5";
    private static readonly ChannelAccount Alex = new() { Id = "29:1-alex", Name = "Alex Morgan", AadObjectId = AadObjectId };

    [Fact]
    public void On_teams_the_caller_is_the_entra_object_id_with_the_teams_id_and_the_validated_tenant()
    {
        var caller = Caller.Of(Message(BotChannels.Teams, Alex, activityTenant: "tenant-the-activity-claims"), Accepted(BotChannels.Teams, "validated-tenant"));

        Assert.Equal(new Caller(AadObjectId, AadObjectId, "29:1-alex", "Alex Morgan", "validated-tenant"), caller);
    }

    [Fact]
    public void On_teams_without_an_object_id_the_person_key_falls_back_to_the_teams_id()
    {
        var caller = Caller.Of(Message(BotChannels.Teams, Alex with { AadObjectId = null }), Accepted(BotChannels.Teams));

        Assert.Equal("29:1-alex", caller.PersonKey);
        Assert.Null(caller.AadObjectId);
        Assert.Equal("29:1-alex", caller.TeamsId);
    }

    [Fact]
    public void The_tenant_is_never_read_from_the_activity()
    {
        var caller = Caller.Of(Message(BotChannels.Teams, Alex, activityTenant: "tenant-the-activity-claims"), Accepted(BotChannels.Teams, tenant: null));

        Assert.Null(caller.TenantId);
    }

    [Fact]
    public void On_the_emulator_the_caller_has_neither_an_entra_nor_a_teams_id()
    {
        var caller = Caller.Of(Message(BotChannels.Emulator, Alex), Accepted(BotChannels.Emulator));

        Assert.Equal(new Caller("29:1-alex", null, null, "Alex Morgan", null), caller);
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("slack")]
    [InlineData("MSTEAMS")]
    [InlineData("")]
    public void On_any_other_channel_nothing_the_client_chose_is_taken(string channel)
    {
        Assert.Same(Caller.Unknown, Caller.Of(Message(channel, Alex), Accepted(channel)));
    }

    [Fact]
    public void An_activity_the_authenticator_did_not_accept_has_no_caller()
    {
        Assert.Same(Caller.Unknown, Caller.Of(Message(BotChannels.Teams, Alex), new ClaimsIdentity()));
        Assert.Same(Caller.Unknown, Caller.Of(Message(BotChannels.Teams, Alex), Accepted(BotChannels.Emulator)));
    }

    private static Activity Message(string channel, ChannelAccount from, string? activityTenant = null) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channel,
        From = from,
        Conversation = new ConversationAccount { Id = "a:1", TenantId = activityTenant },
    };

    private static ClaimsIdentity Accepted(string channel, string? tenant = null)
    {
        var identity = new ClaimsIdentity([new Claim(InboundClaims.ChannelId, channel)], "test");
        if (tenant is not null)
        {
            identity.AddClaim(new Claim(InboundClaims.TenantId, tenant));
        }

        return identity;
    }
}
