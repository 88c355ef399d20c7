using LearningBot.Tests.Support;

namespace LearningBot.Tests.Authentication;

/// <summary><c>BotAuthentication:AllowedTenants</c>: a valid token from a tenant not on the list is forbidden.</summary>
public sealed class TenantAllowListTests : AuthenticatorHarness
{
    private const string OtherTenantId = "7c6b5a49-3827-4165-8f4e-3d2c1b0a9f8e";

    [Fact]
    public async Task Accepts_any_tenant_when_the_list_is_empty()
    {
        AssertAccepted(await AuthenticateAsync(Bearer(Issuer.CreateToken()), TeamsActivity with { TenantId = OtherTenantId }));
    }

    [Fact]
    public async Task Accepts_Bot_Connector_activity_from_an_allowed_tenant()
    {
        var authenticator = AllowOnly(CustomerTenantId);

        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
    }

    [Fact]
    public async Task Forbids_Bot_Connector_activity_from_a_tenant_not_on_the_list()
    {
        var authenticator = AllowOnly(CustomerTenantId);

        var result = await AuthenticateAsync(
            Bearer(Issuer.CreateToken()), TeamsActivity with { TenantId = OtherTenantId }, authenticator);

        AssertRejected(result, 403, $"tenant '{OtherTenantId}' is not allowed");
    }

    [Fact]
    public async Task Forbids_activity_without_a_tenant_when_the_list_is_set()
    {
        var authenticator = AllowOnly(CustomerTenantId);

        var result = await AuthenticateAsync(Bearer(Issuer.CreateToken()), TeamsActivity with { TenantId = null }, authenticator);

        AssertRejected(result, 403, "is not allowed");
    }

    [Fact]
    public async Task Takes_the_tenant_from_the_Entra_token_tid()
    {
        var authenticator = AllowOnly(CustomerTenantId);

        // The activity claims an allowed tenant, but the token was issued in the bot's own tenant.
        var result = await AuthenticateTokenAsync(t => t.AsEntraV2(TestTokenIssuer.BotTenantId), authenticator);

        AssertRejected(result, 403, $"tenant '{TestTokenIssuer.BotTenantId}' is not allowed");
    }

    [Fact]
    public async Task Takes_the_tenant_from_the_activity_for_Azure_Bot_Service_tenants()
    {
        var authenticator = AllowOnly(CustomerTenantId);

        AssertAccepted(await AuthenticateTokenAsync(t => t.AsEntraV2(BotFrameworkTenantId), authenticator));
        AssertRejected(
            await AuthenticateAsync(Bearer(Issuer.CreateToken(t => t.AsEntraV2(BotFrameworkTenantId))), TeamsActivity with { TenantId = OtherTenantId }, authenticator),
            403,
            "is not allowed");
    }

    [Fact]
    public async Task Applies_the_list_to_anonymous_local_requests()
    {
        var authenticator = CreateAuthenticator(s => s["BotAuthentication:AllowedTenants:0"] = CustomerTenantId, appId: null);

        AssertAccepted(await AuthenticateAsync(null, authenticator: authenticator));
        AssertRejected(await AuthenticateAsync(null, TeamsActivity with { TenantId = OtherTenantId }, authenticator), 403, "is not allowed");
    }

    private LearningBot.Connector.Authentication.IBotAuthenticator AllowOnly(string tenantId) =>
        CreateAuthenticator(s => s["BotAuthentication:AllowedTenants:0"] = tenantId);
}
