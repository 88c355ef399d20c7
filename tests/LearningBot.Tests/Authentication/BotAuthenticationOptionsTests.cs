using LearningBot.Connector.Authentication;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Authentication;

/// <summary>Binding of the <c>BotAuthentication</c> section and its defaults.</summary>
public sealed class BotAuthenticationOptionsTests : AuthenticatorHarness
{
    [Fact]
    public void Defaults_to_the_public_cloud_metadata_addresses()
    {
        var options = new BotAuthenticationOptions();

        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration", options.EntraOpenIdMetadataUrl);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal(TimeSpan.FromHours(24), options.KeyRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MinimumForcedKeyRefreshInterval);
    }

    [Fact]
    public void A_single_tenant_bot_defaults_valid_issuers_to_the_Bot_Framework_and_its_tenant()
    {
        var options = OptionsOf(CreateServices());

        Assert.Equal(9, options.ValidIssuers.Count);
        Assert.Contains("https://api.botframework.com", options.ValidIssuers);
        foreach (var tenant in new[] { "d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "69e9b82d-4842-4902-8d1e-abc5b98a55e8", TestTokenIssuer.BotTenantId })
        {
            Assert.Contains($"https://sts.windows.net/{tenant}/", options.ValidIssuers);
            Assert.Contains($"https://login.microsoftonline.com/{tenant}/v2.0", options.ValidIssuers);
        }
    }

    [Fact]
    public void A_multi_tenant_bot_defaults_to_the_Bot_Connector_issuer_alone()
    {
        var options = OptionsOf(CreateServices(s => (s["MicrosoftAppTenantId"], s["MicrosoftAppType"]) = (null, "MultiTenant")));

        Assert.Equal(["https://api.botframework.com"], options.ValidIssuers);
    }

    [Fact]
    public void Binds_lists_from_configuration()
    {
        var options = OptionsOf(CreateServices(s =>
        {
            s["BotAuthentication:ValidIssuers:0"] = "https://api.botframework.us";
            s["BotAuthentication:AllowedTenants:0"] = CustomerTenantId;
            s["BotAuthentication:AllowedConnectorHosts:0"] = "smba.trafficmanager.net";
            s["BotAuthentication:AllowedConnectorHosts:1"] = "botframework.com";
        }));

        Assert.Equal(["https://api.botframework.us"], options.ValidIssuers);
        Assert.Equal([CustomerTenantId], options.AllowedTenants);
        Assert.Equal(["smba.trafficmanager.net", "botframework.com"], options.AllowedConnectorHosts);
        Assert.Equal(Issuer.MetadataUrl, options.OpenIdMetadataUrl);
        Assert.Equal(Issuer.EntraMetadataUrl, options.EntraOpenIdMetadataUrl);
        Assert.False(options.RequireHttpsMetadata);
    }

    [Fact]
    public void Refuses_a_metadata_address_that_is_not_an_absolute_URL()
    {
        var services = CreateServices(s => s["BotAuthentication:OpenIdMetadataUrl"] = "login.botframework.com/keys");

        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => OptionsOf(services));
    }
}
