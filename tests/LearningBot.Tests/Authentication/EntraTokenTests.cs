using LearningBot.Tests.Support;

namespace LearningBot.Tests.Authentication;

/// <summary>
/// Tokens issued by Entra ID (rule 2.4): the bot's own or another app's from the bot's tenant, and the channel tokens
/// Azure Bot Service issues from its own tenants.
/// </summary>
public sealed class EntraTokenTests : AuthenticatorHarness
{
    private const string OtherAppId = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    [Fact]
    public async Task Accepts_Entra_v1_token_from_the_bot_tenant()
    {
        var result = await AuthenticateTokenAsync(t => t.AsEntraV1(TestTokenIssuer.BotTenantId));

        AssertAccepted(result);
        Assert.Equal(TestTokenIssuer.AppId, result.CallerAppId);
    }

    [Fact]
    public async Task Accepts_Entra_v2_token_from_the_bot_tenant()
    {
        var result = await AuthenticateTokenAsync(t => t.AsEntraV2(TestTokenIssuer.BotTenantId));

        AssertAccepted(result);
        Assert.Equal(TestTokenIssuer.AppId, result.CallerAppId);
    }

    [Theory]
    [InlineData("d6d49420-f39b-4df7-a1dc-d59a935871db")]
    [InlineData("f8cdef31-a31e-4b4a-93e4-5f571e91255a")]
    [InlineData("69e9b82d-4842-4902-8d1e-abc5b98a55e8")]
    public async Task Accepts_Entra_tokens_from_the_Bot_Framework_tenants(string tenantId)
    {
        AssertAccepted(await AuthenticateTokenAsync(t => t.AsEntraV1(tenantId)));
        AssertAccepted(await AuthenticateTokenAsync(t => t.AsEntraV2(tenantId)));
    }

    [Fact]
    public async Task Rejects_Entra_token_from_a_tenant_that_is_not_listed()
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.AsEntraV2(CustomerTenantId)), 401, "issuer");
    }

    [Fact]
    public async Task Rejects_Entra_token_from_the_bot_tenant_when_no_tenant_is_configured()
    {
        var authenticator = CreateAuthenticator(s => (s["MicrosoftAppTenantId"], s["MicrosoftAppType"]) = (null, "MultiTenant"));

        AssertRejected(await AuthenticateTokenAsync(t => t.AsEntraV2(TestTokenIssuer.BotTenantId), authenticator), 401, "issuer");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_multi_tenant_bot_refuses_channel_tokens_from_Azure_Bot_Services_tenants_by_default(bool v2)
    {
        // Any multi-tenant bot can get such a token for this bot's app id from the botframework.com tenant (a skill call).
        var authenticator = CreateAuthenticator(s => s["MicrosoftAppType"] = "MultiTenant");

        AssertRejected(await AuthenticateTokenAsync(t => _ = v2 ? t.AsEntraV2(BotFrameworkTenantId) : t.AsEntraV1(BotFrameworkTenantId), authenticator), 401, "issuer");
    }

    [Fact]
    public async Task A_multi_tenant_bot_that_lists_Azure_Bot_Services_issuers_accepts_its_channel_tokens()
    {
        var authenticator = CreateAuthenticator(s =>
        {
            s["MicrosoftAppType"] = "MultiTenant";
            s["BotAuthentication:ValidIssuers:0"] = TestTokenIssuer.BotFrameworkIssuer;
            s["BotAuthentication:ValidIssuers:1"] = $"https://login.microsoftonline.com/{BotFrameworkTenantId}/v2.0";
        });

        AssertAccepted(await AuthenticateTokenAsync(t => t.AsEntraV2(BotFrameworkTenantId), authenticator));
    }

    [Fact]
    public async Task Rejects_Entra_token_whose_tid_disagrees_with_its_issuer()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraV2(TestTokenIssuer.BotTenantId);
            t.Claims["tid"] = BotFrameworkTenantId;
        });

        AssertRejected(result, 401, "tid does not agree");
    }

    [Fact]
    public async Task Rejects_Entra_token_without_tid()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraV1(TestTokenIssuer.BotTenantId);
            t.Claims["tid"] = null;
        });

        AssertRejected(result, 401, "tid does not agree");
    }

    [Fact]
    public async Task Rejects_Entra_token_with_wrong_audience()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraV2(TestTokenIssuer.BotTenantId);
            t.Audience = "https://api.botframework.com";
        });

        AssertRejected(result, 401, "audience");
    }

    [Fact]
    public async Task Rejects_Entra_token_signed_with_a_Bot_Connector_key()
    {
        // Non-Bot-Connector issuers take their keys from the Entra ID metadata only.
        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraV2(TestTokenIssuer.BotTenantId);
            t.SigningKey = Issuer.BotFrameworkKey;
        });

        AssertRejected(result, 401, "unknown");
    }

    [Fact]
    public async Task Rejects_Entra_token_signed_by_a_key_bound_to_another_tenant()
    {
        var otherTenantKey = Issuer.AddKey(
            TestKeySet.Entra, "other-tenant-key", issuer: $"https://login.microsoftonline.com/{CustomerTenantId}/v2.0");

        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraV2(TestTokenIssuer.BotTenantId);
            t.SigningKey = otherTenantKey;
        });

        AssertRejected(result, 401, "may not sign for issuer");
    }

    [Fact]
    public async Task Accepts_v1_token_signed_by_a_key_bound_to_the_v2_issuer_of_its_tenant()
    {
        var tenantKey = Issuer.AddKey(
            TestKeySet.Entra, "tenant-key", issuer: $"https://login.microsoftonline.com/{TestTokenIssuer.BotTenantId}/v2.0");

        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraV1(TestTokenIssuer.BotTenantId);
            t.SigningKey = tenantKey;
        });

        AssertAccepted(result);
    }

    [Fact]
    public async Task Rejects_v2_skill_token_from_another_app()
    {
        var result = await AuthenticateTokenAsync(t => t.AsEntraV2(TestTokenIssuer.BotTenantId, callerAppId: OtherAppId));

        AssertRejected(result, 401, "skills");
    }

    [Fact]
    public async Task Rejects_v1_skill_token_from_another_app()
    {
        var result = await AuthenticateTokenAsync(t => t.AsEntraV1(TestTokenIssuer.BotTenantId, callerAppId: OtherAppId));

        AssertRejected(result, 401, "skills");
    }

    [Fact]
    public async Task Rejects_a_token_from_the_bot_tenant_that_names_no_calling_app()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraV2(TestTokenIssuer.BotTenantId);
            t.Claims["azp"] = null;
        });

        AssertRejected(result, 401, "skills");
    }

    [Theory]
    [InlineData("d6d49420-f39b-4df7-a1dc-d59a935871db", false)]
    [InlineData("d6d49420-f39b-4df7-a1dc-d59a935871db", true)]
    [InlineData("f8cdef31-a31e-4b4a-93e4-5f571e91255a", false)]
    [InlineData("f8cdef31-a31e-4b4a-93e4-5f571e91255a", true)]
    [InlineData("69e9b82d-4842-4902-8d1e-abc5b98a55e8", false)]
    [InlineData("69e9b82d-4842-4902-8d1e-abc5b98a55e8", true)]
    public async Task Accepts_a_channel_token_Azure_Bot_Service_issued_through_Entra(string tenantId, bool v2)
    {
        var result = await AuthenticateTokenAsync(t => t.AsEntraChannelToken(tenantId, v2));

        AssertAccepted(result);
        Assert.Equal(TestTokenIssuer.BotServiceAppId, result.CallerAppId);
        Assert.Equal(CustomerTenantId, result.TenantId); // the activity's tenant: Azure Bot Service's says nothing about the customer
    }

    [Fact]
    public async Task Rejects_a_channel_token_for_another_bot()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraChannelToken(BotFrameworkTenantId);
            t.Audience = OtherAppId;
        });

        AssertRejected(result, 401, "audience");
    }

    [Fact]
    public async Task Only_Azure_Bot_Services_tenants_issue_channel_tokens()
    {
        AssertRejected(await AuthenticateTokenAsync(t => t.AsEntraChannelToken(CustomerTenantId)), 401, "issuer");
        AssertRejected(await AuthenticateTokenAsync(t => t.AsEntraChannelToken(TestTokenIssuer.BotTenantId)), 401, "skills");
    }

    [Fact]
    public async Task Rejects_a_channel_token_whose_tid_is_another_tenant()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraChannelToken(BotFrameworkTenantId);
            t.Claims["tid"] = TestTokenIssuer.BotTenantId;
        });

        AssertRejected(result, 401, "tid does not agree");
    }

    [Fact]
    public async Task Rejects_a_channel_token_signed_by_a_key_bound_to_another_tenant()
    {
        var otherTenantKey = Issuer.AddKey(
            TestKeySet.Entra, "customer-key", issuer: $"https://login.microsoftonline.com/{CustomerTenantId}/v2.0");

        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraChannelToken(BotFrameworkTenantId);
            t.SigningKey = otherTenantKey;
        });

        AssertRejected(result, 401, "may not sign for issuer");
    }

    [Fact]
    public async Task Rejects_a_channel_token_whose_serviceurl_differs_from_the_activity()
    {
        var matching = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraChannelToken(BotFrameworkTenantId);
            t.ServiceUrl = TestTokenIssuer.ServiceUrl;
        });
        var differing = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraChannelToken(BotFrameworkTenantId);
            t.ServiceUrl = "https://smba.trafficmanager.net/emea/";
        });

        AssertAccepted(matching);
        AssertRejected(differing, 401, "serviceurl does not match");
    }

    [Fact]
    public async Task Accepts_a_channel_token_from_the_US_Government_Bot_Service_tenant_once_its_issuer_is_configured()
    {
        const string Government = "cab8a31a-1906-4287-a0d8-4eef66b95f6e";
        var governmentIssuer = $"https://login.microsoftonline.us/{Government}/v2.0";
        var governmentKey = Issuer.AddKey(TestKeySet.Entra, "us-gov-key", issuer: "https://login.microsoftonline.us/{tenantid}/v2.0");
        var authenticator = CreateAuthenticator(s =>
        {
            s["BotAuthentication:ValidIssuers:0"] = "https://api.botframework.us";
            s["BotAuthentication:ValidIssuers:1"] = $"https://sts.windows.net/{Government}/";
            s["BotAuthentication:ValidIssuers:2"] = governmentIssuer;
        });

        var result = await AuthenticateTokenAsync(
            t =>
            {
                t.AsEntraChannelToken(Government);
                t.Issuer = governmentIssuer;
                t.SigningKey = governmentKey;
            },
            authenticator);

        AssertAccepted(result);
        Assert.Equal(CustomerTenantId, result.TenantId);
    }

    [Fact]
    public async Task Accepts_another_app_listed_as_an_allowed_caller()
    {
        var authenticator = CreateAuthenticator(s => s["BotAuthentication:AllowedCallers:0"] = OtherAppId);

        var result = await AuthenticateTokenAsync(t => t.AsEntraV2(TestTokenIssuer.BotTenantId, callerAppId: OtherAppId), authenticator);

        AssertAccepted(result);
        Assert.Equal(OtherAppId, result.CallerAppId);
    }

    [Fact]
    public async Task Rejects_Entra_token_whose_serviceurl_differs_from_the_activity()
    {
        var result = await AuthenticateTokenAsync(t =>
        {
            t.AsEntraV2(TestTokenIssuer.BotTenantId);
            t.ServiceUrl = "https://evil.example.com/";
        });

        AssertRejected(result, 401, "serviceurl does not match");
    }

    [Fact]
    public async Task Rejects_Entra_token_when_configured_issuers_leave_Entra_out()
    {
        var authenticator = CreateAuthenticator(s => s["BotAuthentication:ValidIssuers:0"] = TestTokenIssuer.BotFrameworkIssuer);

        AssertRejected(await AuthenticateTokenAsync(t => t.AsEntraChannelToken(BotFrameworkTenantId), authenticator), 401, "issuer");
        AssertAccepted(await AuthenticateTokenAsync(null, authenticator));
    }
}
