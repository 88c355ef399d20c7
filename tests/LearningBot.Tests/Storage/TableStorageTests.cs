using System.Net;
using System.Reflection;
using System.Runtime.Serialization;
using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.Storage.TableEntityContractTests;

namespace LearningBot.Tests.Storage;

/// <summary>Our part of storage: configuration, table names per deployment, retries, health, and entity shapes the SDK can write.</summary>
public sealed class TableStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void Dependency_injection_binds_the_storage_section_with_its_prefix()
    {
        using var provider = Provider(new()
        {
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=learnhub;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10999/learnhub",
            ["Storage:TablePrefix"] = "staging",
        });

        var storage = provider.GetRequiredService<TableStorage>();

        Assert.Equal(new Uri("http://127.0.0.1:10999/learnhub"), storage.Service.Uri);
        Assert.Equal("stagingEscalationTickets", storage.Table("EscalationTickets").Name);
    }

    [Fact]
    public void Dependency_injection_uses_entra_id_when_a_table_endpoint_is_configured()
    {
        using var provider = Provider(new()
        {
            ["Storage:TableEndpoint"] = "https://learnhub.table.core.windows.net",
            ["Storage:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        var storage = provider.GetRequiredService<TableStorage>();

        Assert.Equal("learnhub", storage.Service.AccountName);
        Assert.Equal(new Uri("https://learnhub.table.core.windows.net"), storage.Service.Uri);
    }

    [Theory]
    [InlineData("9starts-with-a-digit")]
    [InlineData("has space")]
    [InlineData("waytoolongprefixwaytoolongprefixwaytoolongprefixwaytoolongprefix")]
    public void A_prefix_that_cannot_start_a_table_name_is_refused_at_start_up(string prefix)
    {
        var options = new TableStorageOptions { TablePrefix = prefix };

        Assert.Throws<ArgumentException>(() => TableStorage.Create(options));
    }

    [Fact]
    public void A_prefix_that_leaves_no_room_for_a_deliverys_ledger_table_is_refused()
    {
        var fits = new TableStorageOptions { ConnectionString = "UseDevelopmentStorage=true", TablePrefix = new string('p', TableStorageOptions.MaxTablePrefixLength) };
        var tooLong = fits with { TablePrefix = fits.TablePrefix + "p" };

        Assert.Empty(fits.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(fits)));
        Assert.Contains(tooLong.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(tooLong)), result => result.MemberNames.Contains(nameof(TableStorageOptions.TablePrefix)));
        Assert.Equal(63, TableStorage.Create(fits).TableName(LearningBot.Delivery.DeliveryStore.LedgerTableName(new string('a', 32))).Length);
    }

    [Fact]
    public async Task Two_deployments_with_different_prefixes_never_see_each_others_rows()
    {
        var blue = TableStorage.Create(new TableStorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = azurite.TablePrefix + "blue" });
        var green = TableStorage.Create(new TableStorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = azurite.TablePrefix + "green" });

        var blueTable = await blue.Table("Progress").GetAsync(CancellationToken.None);
        var greenTable = await green.Table("Progress").GetAsync(CancellationToken.None);
        await blueTable.AddEntityAsync(Progress("l", "c"));

        Assert.NotNull(await blueTable.FindAsync<ProgressEntity>("l", "c"));
        Assert.Null(await greenTable.FindAsync<ProgressEntity>("l", "c"));
    }

    [Fact]
    public async Task Ping_succeeds_against_the_service_and_fails_as_a_storage_failure_when_unreachable()
    {
        var nowhere = TableStorage.Create(new TableStorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteServer.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:1/devstoreaccount1",
            MaxRetries = 0,
        });

        await azurite.Storage.PingAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => nowhere.PingAsync());

        Assert.True(TableErrors.IsStorageFailure(error), error.GetType().Name);
    }

    [Fact]
    public async Task A_busy_service_is_retried_with_the_shipped_options_until_the_request_goes_through()
    {
        var options = new TableStorageOptions { ConnectionString = azurite.ConnectionString, RetryDelay = TimeSpan.FromMilliseconds(10) };
        using var busy = new BusyFirst(times: 2);
        var table = Client(options, busy).GetTableClient(AzuriteFixture.NewTableName());

        await table.CreateIfNotExistsAsync();

        Assert.Equal(3, busy.Attempts);
    }

    [Fact]
    public async Task Retries_give_up_after_the_configured_count()
    {
        var options = new TableStorageOptions { ConnectionString = azurite.ConnectionString, RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 2 };
        using var busy = new BusyFirst(times: 10);
        var table = Client(options, busy).GetTableClient(AzuriteFixture.NewTableName());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(503, error.Status);
        Assert.Equal(3, busy.Attempts);
    }

    [Fact]
    public void Every_entity_the_bot_stores_has_a_shape_the_table_sdk_can_write_and_read()
    {
        var supported = new HashSet<Type>
        {
            typeof(string), typeof(byte[]), typeof(bool), typeof(int), typeof(long), typeof(double), typeof(Guid),
            typeof(DateTime), typeof(DateTimeOffset), typeof(ETag), typeof(bool?), typeof(int?), typeof(long?),
            typeof(double?), typeof(Guid?), typeof(DateTime?), typeof(DateTimeOffset?),
        };
        var entities = typeof(TableStorage).Assembly.GetTypes()
            .Where(type => type.IsClass && !type.IsAbstract && typeof(ITableEntity).IsAssignableFrom(type))
            .ToList();

        var problems = entities.SelectMany(type =>
        {
            var issues = new List<string>();
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                issues.Add($"{type.Name} has no public parameterless constructor");
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.IsDefined(typeof(IgnoreDataMemberAttribute)))
                {
                    continue;
                }

                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (!supported.Contains(property.PropertyType) && !propertyType.IsEnum)
                {
                    issues.Add($"{type.Name}.{property.Name} is a {property.PropertyType.Name}, which the Table SDK cannot store (mark it [IgnoreDataMember])");
                }

                if (property.SetMethod is not { IsPublic: true })
                {
                    issues.Add($"{type.Name}.{property.Name} has no public setter, so it would be written but never read back (mark it [IgnoreDataMember])");
                }
            }

            return issues;
        }).ToList();

        Assert.True(entities.Count >= 10, $"found only {entities.Count} entity types");
        Assert.Empty(problems);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddTableStorage()
            .BuildServiceProvider();

    private static TableServiceClient Client(TableStorageOptions options, HttpMessageHandler handler)
    {
        var clientOptions = TableStorage.ClientOptions(options);
        clientOptions.Transport = new HttpClientTransport(new HttpClient(handler));
        return new TableServiceClient(options.ConnectionString, clientOptions);
    }

    /// <summary>Answers 503 Server Busy for the first <paramref name="times"/> requests, then lets requests through to Azurite.</summary>
    private sealed class BusyFirst(int times) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _attempts) <= times
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request })
                : base.SendAsync(request, cancellationToken);
    }
}
