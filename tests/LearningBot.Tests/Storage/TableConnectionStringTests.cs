using LearningBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Storage;

public sealed class TableConnectionStringTests
{
    [Fact]
    public void Development_storage_points_at_the_local_emulator_account()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
    }

    [Fact]
    public void Account_key_strings_build_the_cloud_endpoint_or_use_an_explicit_one()
    {
        var cloud = TableConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=learnhub;AccountKey=a2V5;EndpointSuffix=core.windows.net");
        var explicitEndpoint = TableConnectionString.Parse("AccountName=learnhub;AccountKey=a2V5;TableEndpoint=https://tables.example.org/;");

        Assert.Equal(new Uri("https://learnhub.table.core.windows.net"), cloud.TableEndpoint);
        Assert.Equal(new Uri("https://tables.example.org/"), explicitEndpoint.TableEndpoint);
        Assert.Equal("learnhub", explicitEndpoint.AccountName);
    }

    [Theory]
    [InlineData("AccountName=learnhub")]
    [InlineData("AccountKey=a2V5")]
    [InlineData("AccountName=learnhub;AccountKey=not base64!")]
    [InlineData("garbage")]
    public void Incomplete_or_malformed_strings_fail_with_a_format_error(string connectionString)
    {
        Assert.Throws<FormatException>(() => TableConnectionString.Parse(connectionString));
    }

    [Fact]
    public void Printing_a_connection_never_shows_the_key()
    {
        var parsed = TableConnectionString.Parse("AccountName=learnhub;AccountKey=c2VjcmV0LWtleQ==");

        Assert.DoesNotContain("c2VjcmV0LWtleQ", parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dependency_injection_binds_the_storage_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "AccountName=learnhub;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10999/learnhub",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddTableStorage(configuration).BuildServiceProvider();

        var client = provider.GetRequiredService<TableServiceClient>();

        Assert.Equal(new Uri("http://127.0.0.1:10999/learnhub"), client.Endpoint);
        Assert.NotNull(provider.GetRequiredService<TableStorageHealthCheck>());
    }

    [Fact]
    public void Dependency_injection_uses_entra_id_when_a_table_endpoint_is_configured()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:TableEndpoint"] = "https://learnhub.table.core.windows.net",
            ["Storage:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddTableStorage(configuration).BuildServiceProvider();

        var client = provider.GetRequiredService<TableServiceClient>();

        Assert.Equal("learnhub", client.AccountName);
        Assert.Equal(new Uri("https://learnhub.table.core.windows.net"), client.Endpoint);
    }
}
