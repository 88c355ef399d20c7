using LearningBot.Connector.Authentication;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Authentication;

/// <summary>Teams only: an authenticated activity from any other channel is forbidden (the emulator in Development only).</summary>
public sealed class ChannelTests : AuthenticatorHarness
{
    [Theory]
    [InlineData("webchat", "Production")]
    [InlineData("directline", "Production")]
    [InlineData("slack", "Production")]
    [InlineData("emulator", "Production")]
    [InlineData("MSTEAMS", "Production")]
    [InlineData("msteams ", "Production")]
    [InlineData("webchat", "Development")]
    [InlineData("agents", "Development")]
    public async Task An_endorsed_token_for_another_channel_is_forbidden(string channel, string environment)
    {
        var key = Issuer.AddKey(TestKeySet.BotFramework, "every-channel", [channel, "msteams"]);
        var authenticator = CreateAuthenticator(environment: environment);

        var result = await AuthenticateAsync(
            Bearer(Issuer.CreateToken(t => t.SigningKey = key)), TeamsActivity with { ChannelId = channel }, authenticator);

        AssertRejected(result, 403, "is not served");
    }

    [Fact]
    public async Task An_entra_token_for_another_channel_is_forbidden()
    {
        var result = await AuthenticateAsync(
            Bearer(Issuer.CreateToken(t => t.AsEntraV2(TestTokenIssuer.BotTenantId))),
            TeamsActivity with { ChannelId = "webchat" },
            CreateAuthenticator(environment: "Production"));

        AssertRejected(result, 403, "is not served");
    }

    [Fact]
    public async Task Teams_is_served_everywhere_and_the_identity_carries_the_channel_and_the_tenant()
    {
        var result = await AuthenticateAsync(Bearer(Issuer.CreateToken()), authenticator: CreateAuthenticator(environment: "Production"));

        AssertAccepted(result);
        Assert.Equal(BotChannels.Teams, result.Identity!.FindFirst(InboundClaims.ChannelId)?.Value);
        Assert.Equal(CustomerTenantId, result.Identity.FindFirst(InboundClaims.TenantId)?.Value);
        Assert.Equal(CustomerTenantId, result.TenantId);
    }

    [Fact]
    public async Task The_tenant_of_an_entra_token_is_its_tid_not_the_activitys()
    {
        var result = await AuthenticateAsync(
            Bearer(Issuer.CreateToken(t => t.AsEntraV2(TestTokenIssuer.BotTenantId))), TeamsActivity with { TenantId = CustomerTenantId });

        AssertAccepted(result);
        Assert.Equal(TestTokenIssuer.BotTenantId, result.Identity!.FindFirst(InboundClaims.TenantId)?.Value);
    }

    [Fact]
    public async Task A_token_cannot_bring_its_own_channel_or_tenant_claims()
    {
        var token = Issuer.CreateToken(t =>
        {
            t.Claims[InboundClaims.ChannelId] = "emulator";
            t.Claims[InboundClaims.TenantId] = "someone-elses-tenant";
        });

        var result = await AuthenticateAsync(Bearer(token));

        AssertAccepted(result);
        Assert.Equal([BotChannels.Teams], result.Identity!.FindAll(InboundClaims.ChannelId).Select(c => c.Value));
        Assert.Equal([CustomerTenantId], result.Identity.FindAll(InboundClaims.TenantId).Select(c => c.Value));
    }

    [Fact]
    public async Task The_emulator_is_served_in_development_only()
    {
        var key = Issuer.AddKey(TestKeySet.BotFramework, "emulator-key", ["emulator"]);
        var token = Bearer(Issuer.CreateToken(t => t.SigningKey = key));
        var emulator = TeamsActivity with { ChannelId = BotChannels.Emulator };

        AssertAccepted(await AuthenticateAsync(token, emulator, CreateAuthenticator(environment: "Development")));
        AssertRejected(await AuthenticateAsync(token, emulator, CreateAuthenticator(environment: "Production")), 403, "is not served");
    }

    [Theory]
    [InlineData("msteams", true)]
    [InlineData("emulator", true)]
    [InlineData("webchat", false)]
    [InlineData("directline", false)]
    public async Task A_local_run_serves_teams_and_the_emulator_only(string channel, bool served)
    {
        var result = await AuthenticateAsync(null, TeamsActivity with { ChannelId = channel }, CreateAuthenticator(appId: null));

        Assert.Equal(served, result.Succeeded);
        Assert.Equal(served ? 200 : 403, result.StatusCode);
    }
}
